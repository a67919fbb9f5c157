import type { CreateCustomerBody, CustomerView, Page, ProductView, UnitView } from '@closeloop/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../api/client.ts';

/** The value after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const minute = 60_000;

export const useCustomerSearch = (q: string) =>
  useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: () => api.get<Page<CustomerView>>('/customers', { q, pageSize: 20 }),
    placeholderData: keepPreviousData,
    staleTime: minute,
  });

export const useCustomer = (id: string | undefined) =>
  useQuery({
    queryKey: ['customers', 'detail', id],
    queryFn: () => api.get<CustomerView>(`/customers/${id}`),
    enabled: Boolean(id),
    staleTime: minute,
  });

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateCustomerBody>) => api.post<CustomerView>('/customers', body),
    onSuccess: (c) => {
      qc.setQueryData(['customers', 'detail', c.id], c);
      void qc.invalidateQueries({ queryKey: ['customers', 'search'] });
      void qc.invalidateQueries({ queryKey: ['customers', 'list'] });
    },
  });
}

export const useProductSearch = (q: string) =>
  useQuery({
    queryKey: ['products', 'search', q],
    queryFn: () => api.get<Page<ProductView>>('/products', { q, pageSize: 20 }),
    placeholderData: keepPreviousData,
    staleTime: minute,
  });

export const useProduct = (id: string | undefined) =>
  useQuery({
    queryKey: ['products', 'detail', id],
    queryFn: () => api.get<ProductView>(`/products/${id}`),
    enabled: Boolean(id),
    staleTime: minute,
  });

/** The installed unit with exactly this serial number (case-insensitive), or null. */
export const useUnitBySerial = (serial: string) =>
  useQuery({
    queryKey: ['units', 'serial', serial.trim().toUpperCase()],
    queryFn: async () => (await api.get<Page<UnitView>>('/units', { serial: serial.trim(), pageSize: 1 })).items[0] ?? null,
    enabled: serial.trim().length >= 3,
    staleTime: minute,
  });

/** A key for `Idempotency-Key`; `crypto.randomUUID` exists only in secure contexts (HTTPS or localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
