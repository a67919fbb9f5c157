import type {
  ApprovalKind,
  ApprovalRuleBody,
  ApprovalRuleView,
  AttachmentView,
  CaseWarrantyQuery,
  CaseWarrantyView,
  CostBody,
  CostSummary,
  CostView,
  DispositionActionBody,
  DispositionActionResult,
  DispositionQueues,
  DispositionView,
  Items,
  ListDispositionsQuery,
  Page,
  ProposeDispositionBody,
  PutWarrantyTermsBody,
  RecoveryBody,
  SettlementView,
  SignatureBody,
  WarrantyTermsView,
} from '@closeloop/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { caseKeys } from '../cases/api.ts';

export type ApprovalRule = ApprovalRuleView;
export type { ApprovalKind };
export type ApprovalBand = z.input<typeof ApprovalRuleBody>;
export type Settlement = z.infer<typeof SettlementView>;
export type ActionBody = z.input<typeof DispositionActionBody>;

export const dispositionKeys = {
  all: ['dispositions'] as const,
  ofCase: (caseKey: string) => ['dispositions', 'case', caseKey] as const,
  detail: (id: string) => ['dispositions', 'detail', id] as const,
  list: (params: ListDispositionsQuery) => ['dispositions', 'list', params] as const,
  queues: ['dispositions', 'queues'] as const,
  warranty: (caseKey: string, q: CaseWarrantyQuery) => ['warranty', caseKey, q] as const,
  costs: (caseKey: string) => ['costs', caseKey] as const,
  settlement: (month: string) => ['costs', 'settlement', month] as const,
  approvalRules: ['approval-rules'] as const,
  warrantyTerms: ['warranty-terms'] as const,
};

const enc = encodeURIComponent;

// ---------------------------------------------------------------- warranty

/** What the customer is entitled to under warranty (三包), with the reasoning. */
export const useCaseWarranty = (caseKey: string, q: CaseWarrantyQuery, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: dispositionKeys.warranty(caseKey, q),
    queryFn: () => api.get<CaseWarrantyView>(`/cases/${enc(caseKey)}/warranty`, q),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

export const useWarrantyTerms = () =>
  useQuery({ queryKey: dispositionKeys.warrantyTerms, queryFn: () => api.items<WarrantyTermsView>('/warranty-terms') });

export function useSaveWarrantyTerms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { category: string; body: z.input<typeof PutWarrantyTermsBody> }) =>
      api.put<WarrantyTermsView>(`/warranty-terms/${enc(input.category)}`, input.body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: dispositionKeys.warrantyTerms });
      void qc.invalidateQueries({ queryKey: ['warranty'] });
    },
  });
}

// ---------------------------------------------------------------- dispositions

export const useCaseDispositions = (caseKey: string) =>
  useQuery({
    queryKey: dispositionKeys.ofCase(caseKey),
    queryFn: () => api.items<DispositionView>(`/cases/${enc(caseKey)}/dispositions`),
  });

export const useDisposition = (id: string) =>
  useQuery({ queryKey: dispositionKeys.detail(id), queryFn: () => api.get<DispositionView>(`/dispositions/${enc(id)}`) });

export const useDispositionList = (params: ListDispositionsQuery) =>
  useQuery({
    queryKey: dispositionKeys.list(params),
    queryFn: () => api.get<Page<DispositionView>>('/dispositions', { ...params }),
    placeholderData: keepPreviousData,
  });

export const useDispositionQueues = () =>
  useQuery({ queryKey: dispositionKeys.queues, queryFn: () => api.get<DispositionQueues>('/dispositions/queues') });

/** After a disposition changes: every list of dispositions, the case's timeline, costs and links. */
function useInvalidateDispositions() {
  const qc = useQueryClient();
  return (d?: DispositionView) => {
    void qc.invalidateQueries({ queryKey: dispositionKeys.all });
    if (d) {
      qc.setQueryData(dispositionKeys.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: caseKeys.events(d.caseNumber) });
      void qc.invalidateQueries({ queryKey: caseKeys.events(d.caseId) });
      void qc.invalidateQueries({ queryKey: caseKeys.detail(d.caseNumber) });
      void qc.invalidateQueries({ queryKey: caseKeys.detail(d.caseId) });
      void qc.invalidateQueries({ queryKey: caseKeys.attachments(d.caseNumber) });
      void qc.invalidateQueries({ queryKey: caseKeys.attachments(d.caseId) });
      void qc.invalidateQueries({ queryKey: ['costs'] });
    }
  };
}

export function useProposeDisposition(caseKey: string) {
  const invalidate = useInvalidateDispositions();
  return useMutation({
    mutationFn: (body: z.input<typeof ProposeDispositionBody>) => api.post<DispositionView>(`/cases/${enc(caseKey)}/dispositions`, body),
    onSuccess: (d) => invalidate(d),
  });
}

export function useDispositionAction() {
  const invalidate = useInvalidateDispositions();
  return useMutation({
    mutationFn: (input: { id: string; body: ActionBody }) =>
      api.post<DispositionActionResult>(`/dispositions/${enc(input.id)}/actions`, input.body),
    onSuccess: (r) => invalidate(r.disposition),
    // A version conflict or a refused action: what is shown is stale.
    onError: () => invalidate(),
  });
}

export function useSignDisposition(id: string) {
  const invalidate = useInvalidateDispositions();
  return useMutation({
    mutationFn: (body: z.input<typeof SignatureBody>) => api.post<DispositionView>(`/dispositions/${enc(id)}/signature`, body),
    onSuccess: (d) => invalidate(d),
  });
}

/** Photos from the site, as attachments of the case. */
export function useUploadCaseFile(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload<AttachmentView>(`/cases/${enc(caseId)}/attachments`, file),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: caseKeys.attachments(caseId) });
      void qc.invalidateQueries({ queryKey: caseKeys.events(caseId) });
    },
  });
}

/** The printable service memo (服务备忘录) as a PDF, in either language. */
export const memoUrl = (id: string, lang: 'zh-CN' | 'en-US') => `/api/v1/dispositions/${enc(id)}/memo.pdf?lang=${lang}`;

// ---------------------------------------------------------------- costs

/** The case's costs; only asked for by those who may read them (`costs:read`). */
export const useCaseCosts = (caseKey: string, enabled = true) =>
  useQuery({ queryKey: dispositionKeys.costs(caseKey), queryFn: () => api.get<CostSummary>(`/cases/${enc(caseKey)}/costs`), enabled });

function useInvalidateCosts(caseKey: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['costs'] });
    void qc.invalidateQueries({ queryKey: dispositionKeys.ofCase(caseKey) });
    void qc.invalidateQueries({ queryKey: caseKeys.events(caseKey) });
  };
}

export function useAddCost(caseKey: string) {
  const invalidate = useInvalidateCosts(caseKey);
  return useMutation({
    mutationFn: (body: z.input<typeof CostBody>) => api.post<CostView>(`/cases/${enc(caseKey)}/costs`, body),
    onSuccess: invalidate,
  });
}

export function useRecordRecovery(caseKey: string) {
  const invalidate = useInvalidateCosts(caseKey);
  return useMutation({
    mutationFn: (input: { costId: number } & RecoveryBody) =>
      api.post<CostView>(`/costs/${input.costId}/recovery`, { amount: input.amount }),
    onSuccess: invalidate,
  });
}

export const useSettlement = (month: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: dispositionKeys.settlement(month),
    queryFn: () => api.get<Settlement>('/costs/settlement', { month }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

// ---------------------------------------------------------------- approval matrix

export const useApprovalRules = () =>
  useQuery({ queryKey: dispositionKeys.approvalRules, queryFn: () => api.items<ApprovalRule>('/approval-rules') });

export function useSaveApprovalRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: ApprovalKind; bands: ApprovalBand[] }) =>
      api.put<Items<ApprovalRule>>(`/approval-rules/${input.kind}`, { bands: input.bands }),
    onSuccess: (rules) => qc.setQueryData(dispositionKeys.approvalRules, rules.items),
    onSettled: () => qc.invalidateQueries({ queryKey: dispositionKeys.approvalRules }),
  });
}
