import type {
  BreachRow,
  CalendarBody,
  CalendarDayView,
  CalendarPreviewQuery,
  CalendarView,
  CompanySettings,
  DeadlinePreview,
  EscalationsQuery,
  EscalationView,
  ImportCalendarBody,
  ImportCalendarResult,
  Page,
  PutCalendarDayBody,
  SlaPolicyBody,
  SlaPolicyView,
  UpdateCalendarBody,
  UpdateSlaPolicyBody,
} from '@closeloop/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { useReorder } from '../../api/useReorder.ts';

/** A working window `HH:MM`–`HH:MM` and a week of them (Monday first), as the calendar API carries them. */
export type WorkingWindow = CalendarView['makeUpWindows'][number];
export type WeekHours = CalendarView['week'];
export type ImportResult = z.infer<typeof ImportCalendarResult>;

export const slaKeys = {
  calendars: ['calendars'] as const,
  calendarDays: (id: string, year: number) => ['calendars', id, 'days', year] as const,
  policies: ['sla', 'policies'] as const,
  company: ['settings', 'company'] as const,
  escalations: (params: object) => ['sla', 'escalations', params] as const,
  breaches: (from: string, to: string) => ['sla', 'breaches', from, to] as const,
};

// ---------------------------------------------------------------- calendars

export const useCalendars = () =>
  useQuery({ queryKey: slaKeys.calendars, queryFn: () => api.items<CalendarView>('/calendars'), staleTime: 60_000 });

/** The dated days (holidays, make-up workdays) of one calendar year. */
export const useCalendarDays = (id: string | undefined, year: number) =>
  useQuery({
    queryKey: slaKeys.calendarDays(id ?? '', year),
    queryFn: () => api.items<CalendarDayView>(`/calendars/${id}/days`, { from: `${year}-01-01`, to: `${year}-12-31` }),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });

export function useSaveCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: z.input<typeof CalendarBody> | z.input<typeof UpdateCalendarBody> }) =>
      input.id ? api.patch<CalendarView>(`/calendars/${input.id}`, input.body) : api.post<CalendarView>('/calendars', input.body),
    onSettled: () => qc.invalidateQueries({ queryKey: slaKeys.calendars }),
  });
}

export function useDeleteCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/calendars/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: slaKeys.calendars }),
  });
}

/** Set a date off or working (`body`), or back to the normal week (`body: null`). */
export function useSetCalendarDay(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { date: string; body: z.input<typeof PutCalendarDayBody> | null }): Promise<unknown> =>
      input.body
        ? api.put<CalendarDayView>(`/calendars/${id}/days/${input.date}`, input.body)
        : api.delete<void>(`/calendars/${id}/days/${input.date}`),
    onSettled: () => qc.invalidateQueries({ queryKey: slaKeys.calendars }),
  });
}

export function useImportCalendar(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ImportCalendarBody>) => api.post<ImportResult>(`/calendars/${id}/import`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: slaKeys.calendars }),
  });
}

/** What `amount unit` from `from` gives on a calendar. */
export function useCalendarPreview(id: string) {
  return useMutation({
    mutationFn: (q: CalendarPreviewQuery) => api.get<DeadlinePreview>(`/calendars/${id}/preview`, q),
  });
}

// ---------------------------------------------------------------- SLA policies

export const useSlaPolicies = () => useQuery({ queryKey: slaKeys.policies, queryFn: () => api.items<SlaPolicyView>('/sla/policies') });

export function useSaveSlaPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: z.input<typeof SlaPolicyBody> | z.input<typeof UpdateSlaPolicyBody> }) =>
      input.id ? api.patch<SlaPolicyView>(`/sla/policies/${input.id}`, input.body) : api.post<SlaPolicyView>('/sla/policies', input.body),
    // Also after a failure: a version conflict means the list is stale.
    onSettled: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

export function useDeleteSlaPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/sla/policies/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

export const useReorderSlaPolicies = () => useReorder<SlaPolicyView>('/sla/policies/reorder', slaKeys.policies);

// ---------------------------------------------------------------- company settings

export const useCompanySettings = () =>
  useQuery({ queryKey: slaKeys.company, queryFn: () => api.get<CompanySettings>('/settings/company') });

export function useSaveCompanySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CompanySettings>) => api.put<CompanySettings>('/settings/company', body),
    onSuccess: (s) => qc.setQueryData(slaKeys.company, s),
  });
}

// ---------------------------------------------------------------- escalations and breaches

export const useEscalations = (params: EscalationsQuery) =>
  useQuery({
    queryKey: slaKeys.escalations(params),
    queryFn: () => api.get<Page<EscalationView>>('/sla/escalations', { ...params }),
    placeholderData: keepPreviousData,
  });

export function useAcknowledgeEscalation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<EscalationView>(`/sla/escalations/${id}/acknowledge`),
    onSettled: () => qc.invalidateQueries({ queryKey: ['sla', 'escalations'] }),
  });
}

export const useBreachSummary = (from: string, to: string) =>
  useQuery({
    queryKey: slaKeys.breaches(from, to),
    queryFn: () => api.items<BreachRow>('/sla/breaches/summary', { from, to }),
  });
