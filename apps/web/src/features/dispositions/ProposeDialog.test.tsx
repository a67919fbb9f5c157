import { DISPOSITION_KINDS, type DispositionKind, ProposeDispositionBody } from '@closeloop/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, mockFetch, renderWithApp } from '../../testing/app.tsx';
import { dispositionFixture, lookups } from '../../testing/fixtures.ts';
import type { DetailsValues } from './details.ts';
import { ProposeDialog, toProposeBody } from './ProposeDialog.tsx';

/** What a user fills in for each kind when proposing it. */
const FILLED: Record<DispositionKind, DetailsValues> = {
  explanation: { text: ' 经检测属正常磨损，已向客户说明保养方法 ' },
  repair: { where: 'on_site', fault: '加热圈开路', chargeable: true, quote: 1200 },
  replacement: { quantity: 2, value: 38000, faultySerial: 'HL450-2403-0158' },
  refund: { amount: 3999.5, reason: '7 日内无理由退货' },
  rma: { quantity: 20 },
  spare_parts: {
    parts: [
      { name: '加热圈', partNo: 'HT-220-45', quantity: 2 },
      { name: '  ', quantity: 1 },
    ],
    chargeable: false,
  },
  service_order: {
    engineerIds: ['11111111-1111-4111-8111-111111111111'],
    plannedArrival: dayjs('2026-11-21T09:30:00+08:00'),
  },
  compensation: { amount: 800, form: 'credit_note', note: '停机两天' },
};

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path === '/cases/2611-0007/dispositions');

afterEach(() => vi.unstubAllGlobals());

describe('proposing a disposition', { timeout: 60_000 }, () => {
  it.each(DISPOSITION_KINDS)('builds a valid body for %s', (kind) => {
    const body = toProposeBody({ kind, details: { where: 'factory', quantity: 1, ...FILLED[kind] }, note: ' ' });
    const parsed = ProposeDispositionBody.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(body.details.kind).toBe(kind);
    expect(body).not.toHaveProperty('note');
    expect(body).not.toHaveProperty('withWarranty');
  });

  it('attaches the warranty panel’s fault code, exclusion and price when asked', () => {
    const body = toProposeBody(
      { kind: 'repair', details: { where: 'factory', chargeable: true }, attachWarranty: true },
      { faultCode: ' E-23 ', exclusion: 'misuse', price: 38000 },
    );
    expect(body.withWarranty).toEqual({ faultCode: 'E-23', exclusion: 'misuse', price: 38000 });
    expect(ProposeDispositionBody.safeParse(body).success).toBe(true);
  });

  it('keeps only the facts of the chosen kind, trimmed, with dates in the API format', () => {
    const mixed = { ...FILLED.repair, ...FILLED.refund, ...FILLED.service_order, text: 'x' };
    expect(toProposeBody({ kind: 'service_order', details: mixed }).details).toEqual({
      kind: 'service_order',
      engineerIds: ['11111111-1111-4111-8111-111111111111'],
      plannedArrival: '2026-11-21T01:30:00.000Z',
    });
    expect(toProposeBody({ kind: 'explanation', details: FILLED.explanation }).details).toEqual({
      kind: 'explanation',
      text: '经检测属正常磨损，已向客户说明保养方法',
    });
    // An empty parts row is dropped.
    expect(toProposeBody({ kind: 'spare_parts', details: FILLED.spare_parts }).details).toEqual({
      kind: 'spare_parts',
      parts: [{ name: '加热圈', partNo: 'HT-220-45', quantity: 2 }],
      chargeable: false,
    });
  });

  it('carries a goodwill amount in the details (the one amount approved), the note and the warranty evaluation', () => {
    const body = toProposeBody(
      { kind: 'repair', details: { ...FILLED.repair, goodwillAmount: 500 }, note: ' 客户为重点客户 ', attachWarranty: true },
      { faultCode: ' E-23 ', price: 38000, exclusion: 'misuse' },
    );
    expect(body).not.toHaveProperty('amount');
    expect(body).not.toHaveProperty('approvalKind');
    expect(body).toMatchObject({
      details: { kind: 'repair', goodwillAmount: 500 },
      note: '客户为重点客户',
      withWarranty: { faultCode: 'E-23', price: 38000 },
    });
    expect(ProposeDispositionBody.safeParse(body).success).toBe(true);
  });

  it('proposes a compensation from the dialog, asking for the amount and form first', async () => {
    const calls = mockFetch(
      lookups((c) => (c.method === 'POST' && c.path.endsWith('/dispositions') ? { status: 201, body: dispositionFixture() } : undefined)),
    );
    const user = userEvent.setup({ delay: null });
    const onClose = vi.fn();
    renderWithApp(<ProposeDialog caseKey="2611-0007" caseNumber="2611-0007" warranty={{ faultCode: 'E-23' }} onClose={onClose} />);
    const dialog = within(screen.getByRole('dialog'));
    fireEvent.click(dialog.getByRole('radio', { name: '赔偿' }));
    await dialog.findByLabelText('赔偿方式');
    await user.click(dialog.getByRole('button', { name: '提出' }));
    expect(await dialog.findByText('请填写金额')).toBeTruthy();
    expect(dialog.getByText('请填写赔偿方式')).toBeTruthy();
    expect(posts(calls)).toHaveLength(0);

    fireEvent.change(dialog.getByLabelText('金额'), { target: { value: '800' } });
    await user.click(dialog.getByLabelText('赔偿方式'));
    await user.click(await screen.findByTitle('现金赔付'));
    await user.click(dialog.getByRole('checkbox', { name: '附上当前三包判定' }));
    await user.click(dialog.getByRole('button', { name: '提出' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(posts(calls)[0]?.body).toEqual({
      details: { kind: 'compensation', amount: 800, form: 'payment' },
      withWarranty: { faultCode: 'E-23' },
    });
  });
});
