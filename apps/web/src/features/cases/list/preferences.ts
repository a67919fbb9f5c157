import type { PreferenceView } from '@closeloop/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../api/client.ts';

/** Preference keys of the case list and the workspace. */
export const SAVED_FILTERS_KEY = 'saved-case-filters';
export const COLUMNS_KEY = 'case-list-columns';

export const SavedFilter = z.object({ name: z.string().min(1).max(60), params: z.record(z.string(), z.string()) });
export type SavedFilter = z.infer<typeof SavedFilter>;
const SavedFilters = z.array(SavedFilter);
const Columns = z.array(z.string());

const preferenceKey = (key: string) => ['preferences', key] as const;

/** A personal setting, checked against its shape; anything unreadable counts as not set (null). */
function usePreference<T>(key: string, schema: z.ZodType<T>) {
  return useQuery({
    queryKey: preferenceKey(key),
    queryFn: async () => (await api.get<PreferenceView>(`/me/preferences/${key}`)).value,
    select: (value): T | null => {
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : null;
    },
    staleTime: 5 * 60_000,
  });
}

function useSavePreference<T>(key: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (value: T) => (await api.put<PreferenceView>(`/me/preferences/${key}`, { value })).value,
    // Shown at once; put back if the server refuses.
    onMutate: async (value) => {
      await qc.cancelQueries({ queryKey: preferenceKey(key) });
      const previous = qc.getQueryData(preferenceKey(key));
      qc.setQueryData(preferenceKey(key), value);
      return { previous };
    },
    onError: (_error, _value, context) => qc.setQueryData(preferenceKey(key), context?.previous ?? null),
    onSuccess: (value) => qc.setQueryData(preferenceKey(key), value),
  });
}

export const useSavedFilters = () => usePreference(SAVED_FILTERS_KEY, SavedFilters);
export const useSaveSavedFilters = () => useSavePreference<SavedFilter[]>(SAVED_FILTERS_KEY);
export const useColumnChoice = () => usePreference(COLUMNS_KEY, Columns);
export const useSaveColumnChoice = () => useSavePreference<string[]>(COLUMNS_KEY);

/** Link to the case list for a saved filter. */
export const savedFilterHref = (f: SavedFilter) => {
  const s = new URLSearchParams(f.params).toString();
  return s ? `/cases?${s}` : '/cases';
};
