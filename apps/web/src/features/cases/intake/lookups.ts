import type { CreateCustomerBody, CustomerView, Page, UnitView } from '@closeloop/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../api/client.ts';

const minute = 60_000;

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
