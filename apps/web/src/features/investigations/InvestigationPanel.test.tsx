import type { EventView, InvestigationView } from '@closeloop/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, mockFetch, renderWithApp } from '../../testing/app.tsx';
import { CASE_ID, lookups, USER_ID } from '../../testing/fixtures.ts';
import { CaseTimeline } from '../cases/detail/CaseTimeline.tsx';
import { InvestigationPanel } from './InvestigationPanel.tsx';

const QE = { id: '22222222-2222-4222-8222-222222222222', displayName: '李工' };
const GM = { id: '33333333-3333-4333-8333-333333333333', displayName: '赵总' };

function investigation(overrides: Partial<InvestigationView> = {}): InvestigationView {
  return {
    caseId: CASE_ID,
    facts: '温控器采样线接头松动',
    fiveWhys: [],
    fishbone: {},
    rootCause6m: 'method',
    rootCause: '装配工艺缺少扭矩要求',
    appraisalRequired: false,
    appraisalReport: null,
    appraisedAt: null,
    reportDueAt: '2026-11-23T09:30:00.000Z',
    reportSubmittedAt: '2026-11-20T02:00:00.000Z',
    reportSubmittedBy: QE,
    reportStatus: 'submitted',
    review: null,
    version: 2,
    ...overrides,
  };
}

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

function open(inv: InvestigationView, props: { canEdit: boolean; canReview: boolean; userId: string }) {
  const calls = mockFetch(
    lookups((c) => {
      if (c.method === 'GET' && c.path === '/cases/2611-0007/investigation') return { body: inv };
      if (c.method === 'POST' && c.path === '/cases/2611-0007/investigation/review') {
        const body = c.body as { decision: 'accepted' | 'returned'; instruction?: string };
        return {
          body: investigation({
            reportStatus: body.decision,
            review: {
              decision: body.decision,
              instruction: body.instruction ?? null,
              reviewedBy: GM,
              reviewedAt: '2026-11-21T01:00:00.000Z',
            },
            version: 3,
          }),
        };
      }
      return undefined;
    }),
  );
  renderWithApp(<InvestigationPanel caseKey="2611-0007" {...props} />);
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('review of the investigation report', { timeout: 60_000 }, () => {
  it('lets management return the submitted report with an instruction, which returning requires', async () => {
    const calls = open(investigation(), { canEdit: true, canReview: true, userId: GM.id });
    const user = userEvent.setup({ delay: null });
    const form = within(await screen.findByTestId('investigation-review-form'));
    expect(screen.getByText('待管理层审阅')).toBeTruthy();
    expect(screen.getByText(/由 李工 提交/)).toBeTruthy();
    // Under review the report is read-only: no save, no resubmission.
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    expect((screen.getByLabelText('根本原因') as HTMLTextAreaElement).disabled).toBe(true);

    await user.click(form.getByLabelText('退回修改'));
    await user.click(form.getByRole('button', { name: /提交审阅意见/ }));
    expect(await form.findByText('退回时请写明批示')).toBeTruthy();
    expect(writes(calls)).toHaveLength(0);

    fireEvent.change(form.getByLabelText('批示'), { target: { value: '补充同批次其他机台的排查结果' } });
    await user.click(form.getByRole('button', { name: /提交审阅意见/ }));
    await waitFor(() => expect(writes(calls)).toHaveLength(1));
    expect(writes(calls)[0]).toMatchObject({
      path: '/cases/2611-0007/investigation/review',
      body: { decision: 'returned', instruction: '补充同批次其他机台的排查结果', version: 2 },
    });
    const result = await screen.findByTestId('investigation-review');
    expect(within(result).getByText('管理层批示：退回修改')).toBeTruthy();
    expect(within(result).getByText(/赵总/)).toBeTruthy();
  });

  it('shows the returned report’s instruction and lets the engineer edit and submit it again', async () => {
    const returned = investigation({
      reportStatus: 'returned',
      review: { decision: 'returned', instruction: '补充同批次排查结果', reviewedBy: GM, reviewedAt: '2026-11-21T01:00:00.000Z' },
    });
    open(returned, { canEdit: true, canReview: false, userId: QE.id });
    expect(await screen.findByText('补充同批次排查结果')).toBeTruthy();
    expect(screen.getByText('已退回修改')).toBeTruthy();
    expect(screen.getByRole('button', { name: '保存' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /重新提交调查报告/ })).toBeTruthy();
    expect(screen.queryByTestId('investigation-review-form')).toBeNull();
  });

  it('does not offer the review to whoever submitted the report', async () => {
    open(investigation({ reportSubmittedBy: { id: USER_ID, displayName: '李强' } }), { canEdit: true, canReview: true, userId: USER_ID });
    expect(await screen.findByText('本报告由您提交，须由其他管理人员审阅。')).toBeTruthy();
    expect(screen.queryByTestId('investigation-review-form')).toBeNull();
  });

  it('shows the review on the timeline with its decision and instruction', async () => {
    const event: EventView = {
      id: '9',
      at: '2026-11-21T01:00:00.000Z',
      kind: 'investigation_reviewed',
      actor: GM,
      channel: 'web',
      changes: [],
      body: null,
      visibility: null,
      data: { decision: 'returned', instruction: '补充同批次排查结果' },
    };
    mockFetch(lookups((c) => (c.path === '/cases/2611-0007/events' ? { body: { items: [event] } } : undefined)));
    renderWithApp(<CaseTimeline caseKey="2611-0007" caseId={CASE_ID} canComment={false} />);
    expect(await screen.findByText('退回了调查报告')).toBeTruthy();
    expect(screen.getByText('补充同批次排查结果')).toBeTruthy();
  });
});
