import type { EventView } from '@closeloop/domain';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../../testing/app.tsx';
import { CASE_ID, USER_ID } from '../../../testing/fixtures.ts';
import { CaseTimeline } from './CaseTimeline.tsx';

const base = { actor: { id: USER_ID, displayName: '李强' }, channel: 'web', changes: [], body: null, visibility: null };
const at = (n: number) => `2026-11-2${n}T02:00:00.000Z`;

const events: EventView[] = [
  { ...base, id: '1', at: at(0), kind: 'created', data: { number: '2611-0007', type: 'complaint', intakeChannel: 'phone' } },
  { ...base, id: '2', at: at(1), kind: 'transition', data: { action: 'acknowledge', from: 'new', to: 'acknowledged' } },
  { ...base, id: '3', at: at(1), kind: 'commented', body: '工程师明天到现场', visibility: 'customer', data: null },
  {
    ...base,
    id: '4',
    at: at(2),
    actor: null,
    channel: 'system',
    kind: 'sla_escalated',
    data: { clock: 'resolve', level: 2, notified: 3, reassignedTo: null, priority: { from: 'P3', to: 'P2' } },
  },
  // Without costs:read the server leaves the amount out.
  {
    ...base,
    id: '5',
    at: at(3),
    kind: 'cost_recorded',
    data: { costId: 7, category: 'parts', bearer: 'supplier', departmentId: null, externalParty: '宁波密封件厂' },
  },
  { ...base, id: '6', at: at(4), kind: 'investigation_reviewed', data: { decision: 'returned', instruction: '补充鉴定报告后再提交' } },
  { ...base, id: '7', at: at(5), kind: 'unrecognized', recordedKind: 'legacy_note', body: '旧系统迁移的备注', data: { note: 1 } },
  // A kind a newer server knows and this build does not.
  { ...base, id: '8', at: at(6), kind: 'future_kind', body: '新版本的记录', data: {} } as unknown as EventView,
];

afterEach(() => vi.unstubAllGlobals());

describe('case timeline', { timeout: 60_000 }, () => {
  it('renders every kind from its typed data, and rows it cannot type by their recorded kind', async () => {
    mockFetch((call) => (call.path === `/cases/${CASE_ID}/events` ? { body: { items: events } } : undefined));
    renderWithApp(<CaseTimeline caseKey={CASE_ID} caseId={CASE_ID} canComment={false} />);

    expect(await screen.findByText('登记了案件')).toBeTruthy();
    expect(screen.getByText('工程师明天到现场')).toBeTruthy();
    expect(screen.getByText('已通知 3 人')).toBeTruthy();
    expect(screen.getByText('宁波密封件厂', { exact: false })).toBeTruthy();
    expect(screen.getByText('退回了调查报告')).toBeTruthy();
    expect(screen.getByText('补充鉴定报告后再提交')).toBeTruthy();
    expect(screen.getByText('legacy_note')).toBeTruthy();
    expect(screen.getByText('旧系统迁移的备注')).toBeTruthy();
    expect(screen.getByText('future_kind')).toBeTruthy();
  });
});
