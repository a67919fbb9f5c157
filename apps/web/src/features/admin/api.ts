import type {
  ApiTokenView,
  CreateApiTokenBody,
  CreateDepartmentBody,
  CreatedApiToken,
  CreateUserBody,
  DepartmentView,
  RoleView,
  UpdateDepartmentBody,
  UpdateUserBody,
  UserView,
} from '@closeloop/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

export type Role = z.infer<typeof RoleView>;
export type ApiToken = z.infer<typeof ApiTokenView>;
export type NewApiToken = z.infer<typeof CreatedApiToken>;

export const adminKeys = {
  users: ['users'] as const,
  departments: ['departments'] as const,
  roles: ['roles'] as const,
  tokens: ['api-tokens'] as const,
};

/**
 * Everyone looks people and departments up (case list filters, the case page, rules, settlement):
 * one cache entry each, kept a minute, and refreshed at once by the mutations below.
 */
const LOOKUP_STALE = 60_000;

/** Every user, the inactive ones included (old cases name them). */
export const useUsers = (options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: adminKeys.users,
    queryFn: () => api.items<UserView>('/users'),
    staleTime: LOOKUP_STALE,
    enabled: options.enabled ?? true,
  });
export const useDepartments = () =>
  useQuery({ queryKey: adminKeys.departments, queryFn: () => api.items<DepartmentView>('/departments'), staleTime: LOOKUP_STALE });
export const useRoles = (options: { enabled?: boolean } = {}) =>
  useQuery({ queryKey: adminKeys.roles, queryFn: () => api.items<Role>('/roles'), enabled: options.enabled ?? true });
export const useApiTokens = () => useQuery({ queryKey: adminKeys.tokens, queryFn: () => api.items<ApiToken>('/api-tokens') });

/** A department's name in the user's language. */
export const departmentName = (d: DepartmentView | undefined, lang: string) => (d ? (lang === 'zh-CN' ? d.nameZh : d.nameEn) : '');

export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: z.input<typeof CreateUserBody> | z.input<typeof UpdateUserBody> }) =>
      input.id ? api.patch<UserView>(`/users/${input.id}`, input.body) : api.post<UserView>('/users', input.body),
    // Also after a failure: a version conflict means the list is stale.
    onSettled: () => qc.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export function useSaveDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: z.input<typeof CreateDepartmentBody> | z.input<typeof UpdateDepartmentBody> }) =>
      input.id ? api.patch<DepartmentView>(`/departments/${input.id}`, input.body) : api.post<DepartmentView>('/departments', input.body),
    // Also after a failure: a version conflict means the list is stale.
    onSettled: () => qc.invalidateQueries({ queryKey: adminKeys.departments }),
  });
}

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateApiTokenBody>) => api.post<NewApiToken>('/api-tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.tokens }),
  });
}

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<ApiToken>(`/api-tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.tokens }),
  });
}
