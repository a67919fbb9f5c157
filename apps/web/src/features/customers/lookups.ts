import type { CustomerView, Page, ProductView } from '@closeloop/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/**
 * Customers and products looked up while a user types (intake, the case list's filters, assignment
 * rules): one set of hooks under the customer archive's own query keys, so a customer or product
 * changed in the archive is fresh everywhere.
 */

const minute = 60_000;

export const useCustomerSearch = (q: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: async () => (await api.get<Page<CustomerView>>('/customers', { q: q || undefined, pageSize: 20 })).items,
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
    staleTime: minute,
  });

export const useCustomer = (id: string | undefined) =>
  useQuery({
    queryKey: ['customers', 'detail', id],
    queryFn: () => api.get<CustomerView>(`/customers/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    staleTime: minute,
  });

export const useProductSearch = (q: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: ['products', 'search', q],
    queryFn: async () => (await api.get<Page<ProductView>>('/products', { q: q || undefined, pageSize: 20 })).items,
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
    staleTime: minute,
  });

export const useProduct = (id: string | undefined) =>
  useQuery({
    queryKey: ['products', 'detail', id],
    queryFn: () => api.get<ProductView>(`/products/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    staleTime: minute,
  });
