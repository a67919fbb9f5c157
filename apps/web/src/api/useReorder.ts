import type { Items } from '@closeloop/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

/**
 * Saves a new order of an ordered list (SLA policies, assignment rules) cached as an array under
 * `key`: the list shows it at once and goes back if the server refuses.
 */
export function useReorder<T extends { id: string }>(path: string, key: readonly unknown[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.post<Items<T>>(path, { ids }),
    onMutate: async (ids) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<T[]>(key);
      if (previous) {
        const byId = new Map(previous.map((x) => [x.id, x]));
        qc.setQueryData(
          key,
          ids.map((id) => byId.get(id)).filter((x): x is T => Boolean(x)),
        );
      }
      return { previous };
    },
    onError: (_e, _ids, context) => {
      if (context?.previous) qc.setQueryData(key, context.previous);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}
