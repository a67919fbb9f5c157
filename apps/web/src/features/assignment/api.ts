import type { AssignmentRuleBody, AssignmentRuleView, UpdateAssignmentRuleBody } from '@closeloop/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { useReorder } from '../../api/useReorder.ts';

export const assignmentKeys = { rules: ['assignment-rules'] as const };

export const useAssignmentRules = () =>
  useQuery({ queryKey: assignmentKeys.rules, queryFn: () => api.items<AssignmentRuleView>('/assignment-rules') });

export function useSaveAssignmentRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: z.input<typeof AssignmentRuleBody> | z.input<typeof UpdateAssignmentRuleBody> }) =>
      input.id
        ? api.patch<AssignmentRuleView>(`/assignment-rules/${input.id}`, input.body)
        : api.post<AssignmentRuleView>('/assignment-rules', input.body),
    onSettled: () => qc.invalidateQueries({ queryKey: assignmentKeys.rules }),
  });
}

export function useDeleteAssignmentRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/assignment-rules/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: assignmentKeys.rules }),
  });
}

export const useReorderAssignmentRules = () => useReorder<AssignmentRuleView>('/assignment-rules/reorder', assignmentKeys.rules);
