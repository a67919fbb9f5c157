import type { CustomerView, Page, ProductView } from '@closeloop/domain';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../../api/client.ts';

const STALE = 5 * 60_000;

/** The value after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export const useCustomerSearch = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['lookup', 'customers', q],
    enabled,
    queryFn: async () => (await api.get<Page<CustomerView>>('/customers', { q: q || undefined, pageSize: 20 })).items,
    staleTime: 60_000,
  });

export const useCustomer = (id: string | undefined) =>
  useQuery({
    queryKey: ['lookup', 'customer', id],
    queryFn: () => api.get<CustomerView>(`/customers/${id}`),
    enabled: Boolean(id),
    staleTime: STALE,
  });

export const useProductSearch = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['lookup', 'products', q],
    enabled,
    queryFn: async () => (await api.get<Page<ProductView>>('/products', { q: q || undefined, pageSize: 20 })).items,
    staleTime: 60_000,
  });

export const useProduct = (id: string | undefined) =>
  useQuery({
    queryKey: ['lookup', 'product', id],
    queryFn: () => api.get<ProductView>(`/products/${id}`),
    enabled: Boolean(id),
    staleTime: STALE,
  });
