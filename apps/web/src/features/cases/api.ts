import type {
  AttachmentView,
  CaseSummary,
  CaseView,
  ClockView,
  CommentBody,
  CreateCaseBody,
  EventView,
  Items,
  ListCasesQuery,
  Page,
  QueueCounts,
  ResetClocksBody,
  SiteArrivalBody,
  TransitionBody,
  TransitionResult,
  UpdateCaseBody,
} from '@closeloop/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Query } from '../../api/client.ts';

/** Query parameters of the case list as the web app builds them (all optional, lists as arrays). */
export type CaseListParams = Partial<z.input<typeof ListCasesQuery>>;

export const caseKeys = {
  all: ['cases'] as const,
  list: (params: CaseListParams) => ['cases', 'list', params] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  events: (id: string) => ['cases', 'events', id] as const,
  attachments: (id: string) => ['cases', 'attachments', id] as const,
  queues: ['cases', 'queues'] as const,
};

export const useCaseList = (params: CaseListParams, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: caseKeys.list(params),
    queryFn: () => api.get<Page<CaseSummary>>('/cases', params as Query),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

export const useCase = (id: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: () => api.get<CaseView>(`/cases/${encodeURIComponent(id)}`),
    enabled: options.enabled ?? true,
  });

export const useCaseEvents = (id: string) =>
  useQuery({ queryKey: caseKeys.events(id), queryFn: () => api.items<EventView>(`/cases/${id}/events`) });

export const useCaseAttachments = (id: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: caseKeys.attachments(id),
    queryFn: () => api.items<AttachmentView>(`/cases/${id}/attachments`),
    enabled: options.enabled ?? true,
  });

export const useQueueCounts = () => useQuery({ queryKey: caseKeys.queues, queryFn: () => api.get<QueueCounts>('/workspace/queues') });

/** After any change to a case, its detail, timeline, lists and counts are stale. */
function useInvalidateCase() {
  const qc = useQueryClient();
  return (id?: string) => {
    void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
    void qc.invalidateQueries({ queryKey: caseKeys.queues });
    if (id) {
      void qc.invalidateQueries({ queryKey: caseKeys.events(id) });
      void qc.invalidateQueries({ queryKey: caseKeys.attachments(id) });
    }
  };
}

export function useOpenCase() {
  const invalidate = useInvalidateCase();
  return useMutation({
    mutationFn: (input: { body: z.input<typeof CreateCaseBody>; idempotencyKey: string }) =>
      api.post<CaseView>('/cases', input.body, { 'idempotency-key': input.idempotencyKey }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateCase(id: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateCase();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateCaseBody>) => api.patch<CaseView>(`/cases/${id}`, body),
    onSuccess: (c) => {
      qc.setQueryData(caseKeys.detail(id), c);
      invalidate(id);
    },
  });
}

export function useTransition(id: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateCase();
  return useMutation({
    mutationFn: (body: z.input<typeof TransitionBody>) => api.post<TransitionResult>(`/cases/${id}/transitions`, body),
    onSuccess: (r) => {
      qc.setQueryData(caseKeys.detail(id), r.case);
      invalidate(id);
    },
  });
}

export function useComment(id: string) {
  const invalidate = useInvalidateCase();
  return useMutation({
    mutationFn: (body: z.input<typeof CommentBody>) => api.post<EventView>(`/cases/${id}/comments`, body),
    onSuccess: () => invalidate(id),
  });
}

export function useUpload(id: string) {
  const invalidate = useInvalidateCase();
  return useMutation({
    mutationFn: (file: File) => api.upload<AttachmentView>(`/cases/${id}/attachments`, file),
    onSuccess: () => invalidate(id),
  });
}

/** 重置时限: restart some or all of a case's clocks, with the reason on record. */
export function useResetClocks(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ResetClocksBody>) => api.post<Items<ClockView>>(`/cases/${caseId}/clocks/reset`, body),
    // The case, its timeline and the deadline queues all change.
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

/** 已到达现场: records the engineer's arrival, which stops the on-site clock. */
export function useSiteArrival(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof SiteArrivalBody>) => api.post<Items<ClockView>>(`/cases/${caseId}/site-arrival`, body),
    // The case, its timeline and the deadline queues all change.
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export const attachmentUrl = (caseId: string, attachmentId: string) => `/api/v1/cases/${caseId}/attachments/${attachmentId}`;

export function exportUrl(params: CaseListParams, lang: string) {
  const { page: _page, pageSize: _size, ...rest } = params;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  p.set('lang', lang);
  return `/api/v1/cases/export.csv?${p.toString()}`;
}
