import type { InvestigationBody, InvestigationReviewBody, InvestigationView } from '@closeloop/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { caseKeys } from '../cases/api.ts';

export const investigationKeys = {
  ofCase: (caseKey: string) => ['investigation', caseKey] as const,
};

const enc = encodeURIComponent;

export const useInvestigation = (caseKey: string) =>
  useQuery({
    queryKey: investigationKeys.ofCase(caseKey),
    queryFn: () => api.get<InvestigationView>(`/cases/${enc(caseKey)}/investigation`),
  });

/** Saving or reporting the investigation changes its record and the case's timeline. */
function useInvestigationMutation<I>(caseKey: string, fn: (input: I) => Promise<InvestigationView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (v) => {
      qc.setQueryData(investigationKeys.ofCase(caseKey), v);
      void qc.invalidateQueries({ queryKey: caseKeys.events(caseKey) });
    },
    // A version conflict means the record is stale.
    onError: () => qc.invalidateQueries({ queryKey: investigationKeys.ofCase(caseKey) }),
  });
}

export const useSaveInvestigation = (caseKey: string) =>
  useInvestigationMutation(caseKey, (body: z.input<typeof InvestigationBody>) =>
    api.put<InvestigationView>(`/cases/${enc(caseKey)}/investigation`, body),
  );

export const useSubmitInvestigationReport = (caseKey: string) =>
  useInvestigationMutation(caseKey, () => api.post<InvestigationView>(`/cases/${enc(caseKey)}/investigation/report`));

/** Management's review of the submitted report: accepted, or returned with the instruction (批示). */
export const useReviewInvestigationReport = (caseKey: string) =>
  useInvestigationMutation(caseKey, (body: z.input<typeof InvestigationReviewBody>) =>
    api.post<InvestigationView>(`/cases/${enc(caseKey)}/investigation/review`, body),
  );
