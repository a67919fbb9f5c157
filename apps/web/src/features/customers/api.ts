import type {
  ContactBody,
  CreateCustomerBody,
  CreateProductBody,
  CreateUnitBody,
  CustomerView,
  ListCustomersQuery,
  ListProductsQuery,
  ListUnitsQuery,
  Page,
  ProductView,
  UnitView,
  UpdateCustomerBody,
  UpdateProductBody,
} from '@closeloop/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Query } from '../../api/client.ts';

export type CustomerListParams = Partial<z.input<typeof ListCustomersQuery>>;
export type ProductListParams = Partial<z.input<typeof ListProductsQuery>>;
export type UnitListParams = Partial<z.input<typeof ListUnitsQuery>>;
export type ContactView = CustomerView['contacts'][number];

export const customerKeys = {
  all: ['customers'] as const,
  list: (params: CustomerListParams) => ['customers', 'list', params] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
};
export const productKeys = {
  all: ['products'] as const,
  list: (params: ProductListParams) => ['products', 'list', params] as const,
  categories: ['products', 'categories'] as const,
};
export const unitKeys = {
  all: ['units'] as const,
  list: (params: UnitListParams) => ['units', 'list', params] as const,
};

export const useCustomers = (params: CustomerListParams) =>
  useQuery({
    queryKey: customerKeys.list(params),
    queryFn: () => api.get<Page<CustomerView>>('/customers', params as Query),
    placeholderData: keepPreviousData,
  });

export const useCustomer = (id: string) =>
  useQuery({ queryKey: customerKeys.detail(id), queryFn: () => api.get<CustomerView>(`/customers/${encodeURIComponent(id)}`) });

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateCustomerBody>) => api.post<CustomerView>('/customers', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['customers', 'list'] }),
  });
}

export function useUpdateCustomer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateCustomerBody>) => api.patch<CustomerView>(`/customers/${id}`, body),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(id), c);
      void qc.invalidateQueries({ queryKey: ['customers', 'list'] });
    },
  });
}

export function useAddContact(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ContactBody>) => api.post<ContactView>(`/customers/${customerId}/contacts`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export const useProducts = (params: ProductListParams, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: productKeys.list(params),
    queryFn: () => api.get<Page<ProductView>>('/products', params as Query),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

/** Categories in use, from the first 200 products (the API has no category list of its own). */
export const useProductCategories = () =>
  useQuery({
    queryKey: productKeys.categories,
    queryFn: async () => {
      const page = await api.get<Page<ProductView>>('/products', { pageSize: 200 });
      return [...new Set(page.items.map((p) => p.category))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    },
    staleTime: 60_000,
  });

export function useSaveProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: z.input<typeof CreateProductBody> | z.input<typeof UpdateProductBody> }) =>
      input.id ? api.patch<ProductView>(`/products/${input.id}`, input.body) : api.post<ProductView>('/products', input.body),
    // Also after a failure: a version conflict means the list shows stale data.
    onSettled: () => qc.invalidateQueries({ queryKey: productKeys.all }),
  });
}

export const useUnits = (params: UnitListParams, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: unitKeys.list(params),
    queryFn: () => api.get<Page<UnitView>>('/units', params as Query),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateUnitBody>) => api.post<UnitView>('/units', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: unitKeys.all }),
  });
}
