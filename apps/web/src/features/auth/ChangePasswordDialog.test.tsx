import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/index.ts';
import { mockFetch, problem, renderWithApp } from '../../testing/app.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';

afterEach(() => vi.unstubAllGlobals());

const fill = async (user: ReturnType<typeof userEvent.setup>, current: string, next: string, confirm = next) => {
  await user.type(await screen.findByLabelText(/当前密码|Current password/), current);
  await user.type(screen.getByLabelText(/^新密码$|^New password$/), next);
  await user.type(screen.getByLabelText(/确认新密码|Confirm new password/), confirm);
};

describe('change password dialog', { timeout: 60_000 }, () => {
  it('sends the current and the new password, then closes', async () => {
    const calls = mockFetch((call) => (call.method === 'POST' && call.path === '/auth/password' ? { status: 204 } : undefined));
    const onClose = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChangePasswordDialog onClose={onClose} />);
    await fill(user, 'old-password-1', 'New-password-2026');
    await user.click(screen.getByRole('button', { name: '修改' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.path === '/auth/password')?.body).toEqual({
      currentPassword: 'old-password-1',
      newPassword: 'New-password-2026',
    });
  });

  it('refuses two different new passwords before asking the server', async () => {
    const calls = mockFetch(() => undefined);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChangePasswordDialog onClose={() => undefined} />);
    await fill(user, 'old-password-1', 'New-password-2026', 'New-password-2027');
    await user.click(screen.getByRole('button', { name: '修改' }));
    expect(await screen.findByText('两次输入的新密码不一致')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('shows the server’s refusals next to the fields, in the user’s language', async () => {
    mockFetch(() =>
      problem(400, 'validation_failed', [{ field: 'newPassword', code: 'password_common', message: 'is a common password' }]),
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChangePasswordDialog onClose={() => undefined} />);
    await fill(user, 'old-password-1', 'password12');
    await user.click(screen.getByRole('button', { name: '修改' }));
    expect(await screen.findByText('这是常见密码（或常见密码加数字、符号），很容易被猜到')).toBeTruthy();
  });

  it('names a wrong current password, in English too', async () => {
    mockFetch(() =>
      problem(400, 'validation_failed', [{ field: 'currentPassword', code: 'wrong_password', message: 'is not your current password' }]),
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChangePasswordDialog onClose={() => undefined} />);
    await i18n.changeLanguage('en-US');
    try {
      await fill(user, 'not-it-at-all', 'New-password-2026');
      await user.click(screen.getByRole('button', { name: 'Change' }));
      expect(await screen.findByText('This is not your current password')).toBeTruthy();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
