import type { CaseAction } from '@closeloop/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, type Handler, mockFetch, problem, renderWithApp } from '../../../testing/app.tsx';
import { caseFixture } from '../../../testing/fixtures.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { CaseHeader } from './CaseHeader.tsx';

const c = caseFixture();
const transitions = (calls: Call[]) => calls.filter((x) => x.method === 'POST' && x.path === `/cases/${c.number}/transitions`);
const answer =
  (onTransition?: Handler): Handler =>
  (call) => {
    if (call.path === '/departments') return { body: { items: [] } };
    if (call.path.endsWith('/transitions'))
      return onTransition?.(call) ?? { body: { case: caseFixture({ status: 'closed' }), createdCase: null } };
    return undefined;
  };

function open(action: CaseAction, onClose = vi.fn(), canDecide = true, base = c) {
  renderWithApp(<ActionDialog c={base} caseKey={base.number} action={action} onClose={onClose} canDecide={canDecide} />);
  return within(screen.getByRole('dialog'));
}
/** Fields can appear a tick after what reveals them (Form.useWatch), so wait for each. */
const fill = async (label: string, value: string) =>
  fireEvent.change(await screen.findByLabelText(label, { exact: true }), { target: { value } });
const itemOf = (label: string) => screen.getByLabelText(label, { exact: true }).closest('.ant-form-item') as HTMLElement;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('action dialogs', { timeout: 60_000 }, () => {
  it('close: asks for a reason when the customer has not confirmed, and for the responsibility decision', async () => {
    const calls = mockFetch(answer());
    const user = userEvent.setup({ delay: null });
    const dialog = open('close');
    await user.click(dialog.getByRole('button', { name: '结案' }));
    expect(await within(itemOf('未经客户确认结案的原因')).findByText('客户未确认时，请填写结案原因')).toBeTruthy();
    expect(dialog.getByText('投诉结案前须判定责任方')).toBeTruthy();
    expect(transitions(calls)).toHaveLength(0);

    // Not confirmed, with a reason: closes and records the reason.
    await user.click(dialog.getByRole('radio', { name: '客户使用原因' }));
    await fill('判定依据', '客户未按说明书预热');
    await fill('未经客户确认结案的原因', '客户多次联系不上');
    await user.click(dialog.getByRole('button', { name: '结案' }));
    await waitFor(() => expect(transitions(calls)).toHaveLength(1));
    expect(transitions(calls)[0]?.body).toMatchObject({
      action: 'close',
      version: c.version,
      responsibility: { party: 'customer', reason: '客户未按说明书预热' },
      customerConfirmed: false,
      closeReason: '客户多次联系不上',
    });
  });

  it('close: sends the responsibility and the customer confirmation', async () => {
    const calls = mockFetch(answer());
    const user = userEvent.setup({ delay: null });
    const onClose = vi.fn();
    const dialog = open('close', onClose);
    await fill('处理结果', '更换加热圈');
    await user.click(dialog.getByRole('radio', { name: '供应商责任' }));
    await fill('供应商名称', '宁波恒温电热');
    await fill('判定依据', '加热圈来料电阻值超差');
    await user.click(dialog.getByRole('checkbox', { name: '客户已确认处理结果' }));
    await waitFor(() => expect(screen.queryByLabelText('未经客户确认结案的原因')).toBeNull());
    await fill('确认方式', '电话确认');
    await user.click(dialog.getByRole('button', { name: '结案' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const body = transitions(calls)[0]?.body as Record<string, unknown>;
    expect(body).toEqual({
      action: 'close',
      version: c.version,
      resolution: '更换加热圈',
      responsibility: { party: 'supplier', externalParty: '宁波恒温电热', reason: '加热圈来料电阻值超差' },
      customerConfirmed: true,
      confirmationNote: '电话确认',
    });
  });

  it('close: without responsibility:decide shows the recorded decision and sends none', async () => {
    const calls = mockFetch(answer());
    const user = userEvent.setup({ delay: null });
    const decided = caseFixture({
      responsibility: { party: 'customer', departmentId: null, externalParty: null, reason: '未按说明书预热' },
    });
    const dialog = open('close', vi.fn(), false, decided);
    expect(dialog.getByTestId('responsibility-view').textContent).toContain('客户使用原因');
    expect(dialog.getByText('未按说明书预热')).toBeTruthy();
    expect(dialog.queryByRole('radio', { name: '供应商责任' })).toBeNull();
    await user.click(dialog.getByRole('checkbox', { name: '客户已确认处理结果' }));
    await user.click(dialog.getByRole('button', { name: '结案' }));
    await waitFor(() => expect(transitions(calls)).toHaveLength(1));
    expect(transitions(calls)[0]?.body).not.toHaveProperty('responsibility');
  });

  it('close: without responsibility:decide and no decision yet, says who decides it', () => {
    mockFetch(answer());
    const dialog = open('close', vi.fn(), false);
    expect(dialog.getByText(/须判定责任方，请由有责任判定权限的人员/)).toBeTruthy();
    expect(dialog.queryByRole('radio')).toBeNull();
  });

  it('reject: requires the explanation given to the customer', async () => {
    const calls = mockFetch(answer());
    const user = userEvent.setup({ delay: null });
    const dialog = open('reject');
    await user.click(dialog.getByRole('button', { name: '判定不成立' }));
    expect(await within(itemOf('向客户的解释')).findByText('请填写向客户的解释')).toBeTruthy();
    expect(transitions(calls)).toHaveLength(0);
    await fill('向客户的解释', '经检测产品符合规格，异常系使用环境湿度过高所致');
    await user.click(dialog.getByRole('button', { name: '判定不成立' }));
    await waitFor(() => expect(transitions(calls)).toHaveLength(1));
    expect(transitions(calls)[0]?.body).toEqual({
      action: 'reject',
      version: c.version,
      explanation: '经检测产品符合规格，异常系使用环境湿度过高所致',
    });
  });

  it('shows a guard failure from the server on its field', async () => {
    mockFetch(answer(() => problem(422, 'guard_failed', [{ field: 'reason', message: 'hold needs a reason', code: 'reason_required' }])));
    const user = userEvent.setup({ delay: null });
    const dialog = open('hold');
    await fill('挂起原因', ' 等待客户寄回样品 ');
    await user.click(dialog.getByRole('button', { name: '挂起' }));
    expect(await within(itemOf('挂起原因')).findByText('请填写原因')).toBeTruthy();
  });

  it('on a version conflict says so and closes', async () => {
    mockFetch(answer(() => problem(409, 'version_conflict')));
    const user = userEvent.setup({ delay: null });
    const onClose = vi.fn();
    const dialog = open('request_confirmation', onClose);
    await fill('处理结果', '已更换');
    await user.click(dialog.getByRole('button', { name: '请客户确认' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(await screen.findByText('该案件刚被他人修改，已重新加载最新内容，请再操作一次。')).toBeTruthy();
  });

  it('offers exactly the allowed actions as buttons', async () => {
    mockFetch(answer());
    const onAction = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithApp(
      <CaseHeader
        c={caseFixture({ status: 'acknowledged', allowedActions: ['investigate', 'reject', 'hold'] })}
        canEdit={false}
        onAction={onAction}
        onAssign={vi.fn()}
        onEdit={vi.fn()}
      />,
    );
    const toolbar = within(screen.getByRole('toolbar', { name: '可执行的操作' }));
    expect(toolbar.getAllByRole('button').map((b) => b.textContent)).toEqual(['开始调查', '判定不成立', '挂起']);
    expect(screen.queryByRole('button', { name: '结案' })).toBeNull();
    await user.click(toolbar.getByRole('button', { name: '判定不成立' }));
    expect(onAction).toHaveBeenCalledWith('reject');
  });
});
