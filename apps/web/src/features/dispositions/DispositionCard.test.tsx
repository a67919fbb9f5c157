import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, mockFetch, problem, renderWithApp } from '../../testing/app.tsx';
import { DISPOSITION_ID, dispositionFixture, lookups } from '../../testing/fixtures.ts';
import { DispositionCard } from './DispositionCard.tsx';

const actionCalls = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path === `/dispositions/${DISPOSITION_ID}/actions`);
const toolbar = () => within(screen.getByRole('toolbar', { name: /可执行的操作/ }));
const dialog = () => within(screen.getByRole('dialog'));
const itemOf = (label: string) => screen.getByLabelText(label, { exact: true }).closest('.ant-form-item') as HTMLElement;

afterEach(() => vi.unstubAllGlobals());

describe('disposition card', { timeout: 60_000 }, () => {
  it('offers exactly the actions the server allows, in order, with the approval it waits for', async () => {
    mockFetch(lookups());
    renderWithApp(<DispositionCard d={dispositionFixture()} />);
    expect(
      toolbar()
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['批准', '不批准', '登记进展', '客户同意', '客户不接受', '取消']);
    expect(screen.getByText('2611-0007-D1')).toBeTruthy();
    expect(screen.getByText('赔偿')).toBeTruthy();
    expect(screen.getByText('待审批')).toBeTruthy();
    expect(screen.getByText('待客户答复')).toBeTruthy();
    // The required role by its name once the roles have loaded.
    expect(await screen.findByText('总经理审批：待审批')).toBeTruthy();
    expect(screen.getByText('折让（冲抵货款）')).toBeTruthy();
  });

  it('shows no buttons when nothing is allowed (a finished disposition, or a reader without dispositions:write)', () => {
    mockFetch(lookups());
    renderWithApp(<DispositionCard d={dispositionFixture({ status: 'done', allowedActions: [] })} />);
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(screen.getByText('已完成')).toBeTruthy();
  });

  it('refusing needs a reason, then sends it with the version shown', async () => {
    const calls = mockFetch(
      lookups((c) =>
        c.path.endsWith('/actions')
          ? { body: { disposition: dispositionFixture({ status: 'refused', allowedActions: [] }), createdCaseId: null } }
          : undefined,
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(<DispositionCard d={dispositionFixture()} />);
    await user.click(toolbar().getByRole('button', { name: '不批准' }));
    await user.click(dialog().getByRole('button', { name: '不批准' }));
    expect(await within(itemOf('不批准的原因')).findByText('请填写说明')).toBeTruthy();
    expect(actionCalls(calls)).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('不批准的原因'), { target: { value: '金额偏高，请与客户再协商' } });
    await user.click(dialog().getByRole('button', { name: '不批准' }));
    await waitFor(() => expect(actionCalls(calls)).toHaveLength(1));
    expect(actionCalls(calls)[0]?.body).toEqual({ action: 'refuse', version: 3, note: '金额偏高，请与客户再协商' });
  });

  it('says which role may approve when the server refuses the approver', async () => {
    mockFetch(
      lookups((c) =>
        c.path.endsWith('/actions')
          ? {
              status: 403,
              body: { ...problem(403, 'forbidden').body, requiredRole: 'gm', detail: 'approving ¥8000 needs the role gm or above' },
            }
          : undefined,
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(<DispositionCard d={dispositionFixture()} />);
    await screen.findByText('总经理审批：待审批');
    await user.click(toolbar().getByRole('button', { name: '批准' }));
    await user.click(dialog().getByRole('button', { name: '批准' }));
    expect(await screen.findByText('该金额须由「总经理」或更高级别审批，您无权审批。')).toBeTruthy();
  });

  it('completing a return shows the missing facts next to their fields', async () => {
    const rma = dispositionFixture({
      number: 'RMA-2611-0007-2',
      kind: 'rma',
      status: 'in_progress',
      details: { kind: 'rma', quantity: 5 },
      approvalKind: null,
      amount: null,
      requiresApproval: false,
      approvals: [],
      customerDecision: 'accepted',
      allowedActions: ['complete', 'update', 'cancel'],
    });
    const calls = mockFetch(
      lookups((c) =>
        c.path.endsWith('/actions')
          ? problem(422, 'guard_failed', [
              { field: 'details.receivedOn', message: 'record when the goods arrived' },
              { field: 'details.inspection', message: 'record the receiving inspection' },
            ])
          : undefined,
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(<DispositionCard d={rma} />);
    expect(
      toolbar()
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['完成', '登记进展', '取消']);
    await user.click(toolbar().getByRole('button', { name: '完成' }));
    fireEvent.change(screen.getByLabelText('实收数量'), { target: { value: '5' } });
    await user.click(dialog().getByRole('button', { name: '完成' }));
    expect(await within(itemOf('收货日期')).findByText('record when the goods arrived')).toBeTruthy();
    expect(within(itemOf('来料检验结果')).getByText('record the receiving inspection')).toBeTruthy();
    expect(actionCalls(calls)[0]?.body).toMatchObject({ action: 'complete', version: 3, details: { receivedQuantity: 5 } });
  });

  it('shows a repair’s dates and asks for the day it goes back to the customer when it is completed', async () => {
    const repair = dispositionFixture({
      kind: 'repair',
      status: 'in_progress',
      details: { kind: 'repair', where: 'factory', chargeable: false, fault: 'E-23', receivedOn: '2026-10-08' },
      approvalKind: null,
      amount: null,
      requiresApproval: false,
      approvals: [],
      customerDecision: 'accepted',
      allowedActions: ['complete', 'update', 'cancel'],
    });
    const calls = mockFetch(
      lookups((c) =>
        c.path.endsWith('/actions')
          ? { body: { disposition: { ...repair, status: 'done', allowedActions: [] }, createdCaseId: null } }
          : undefined,
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(<DispositionCard d={repair} />);
    expect(screen.getByText('送修日期')).toBeTruthy();
    expect(screen.getByText('2026-10-08')).toBeTruthy();
    await user.click(toolbar().getByRole('button', { name: '完成' }));
    const returned = dialog().getByLabelText('交还客户日期');
    fireEvent.mouseDown(returned);
    fireEvent.change(returned, { target: { value: '2026-11-12' } });
    fireEvent.keyDown(returned, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await user.click(dialog().getByRole('button', { name: '完成' }));
    await waitFor(() => expect(actionCalls(calls)).toHaveLength(1));
    expect(actionCalls(calls)[0]?.body).toMatchObject({ action: 'complete', details: { returnedOn: '2026-11-12' } });
  });

  it('the customer refusing opens a linked case and offers to go there', async () => {
    const calls = mockFetch(
      lookups((c) =>
        c.path.endsWith('/actions')
          ? {
              body: {
                disposition: dispositionFixture({ status: 'cancelled', customerDecision: 'refused', allowedActions: [] }),
                createdCaseId: '88888888-8888-4888-8888-888888888888',
              },
            }
          : undefined,
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(<DispositionCard d={dispositionFixture()} />);
    await user.click(toolbar().getByRole('button', { name: '客户不接受' }));
    expect(dialog().getByText(/新建一件与本案关联的案件/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('客户的意见'), { target: { value: '要求全额退款' } });
    await user.click(dialog().getByRole('button', { name: '客户不接受' }));
    await waitFor(() => expect(actionCalls(calls)).toHaveLength(1));
    expect(actionCalls(calls)[0]?.body).toEqual({ action: 'customer_refuse', version: 3, note: '要求全额退款' });
    await user.click(await screen.findByRole('button', { name: '打开新案件' }));
    expect(await screen.findByTestId('case-page')).toBeTruthy();
  });

  it('links a service order to its phone page and its memo in both languages', () => {
    mockFetch(lookups());
    renderWithApp(
      <DispositionCard
        d={dispositionFixture({
          kind: 'service_order',
          status: 'in_progress',
          details: { kind: 'service_order', engineerIds: [], partsUsed: [], workDone: '更换加热圈' },
          approvalKind: null,
          amount: null,
          requiresApproval: false,
          approvals: [],
          allowedActions: ['complete', 'update', 'cancel'],
        })}
      />,
    );
    expect(screen.getByRole('button', { name: /打开服务单/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: /中文 PDF/ }).getAttribute('href')).toBe(
      `/api/v1/dispositions/${DISPOSITION_ID}/memo.pdf?lang=zh-CN`,
    );
    expect(screen.getByRole('link', { name: /英文 PDF/ }).getAttribute('href')).toBe(
      `/api/v1/dispositions/${DISPOSITION_ID}/memo.pdf?lang=en-US`,
    );
    expect(screen.getByText('更换加热圈')).toBeTruthy();
  });
});
