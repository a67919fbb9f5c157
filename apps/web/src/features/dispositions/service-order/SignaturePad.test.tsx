import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../testing/app.tsx';
import { SignaturePad } from './SignaturePad.tsx';

/** jsdom has no canvas: a 2D context that records what is drawn, and a PNG that says whether anything was. */
function fakeCanvas() {
  const calls: string[] = [];
  let ink = 0;
  const ctx = new Proxy(
    { lineWidth: 2.5, strokeStyle: '#000', fillStyle: '#fff', lineCap: 'round', lineJoin: 'round' } as Record<string, unknown>,
    {
      get(target, prop: string) {
        if (prop in target) return target[prop];
        return (...args: unknown[]) => {
          calls.push(prop);
          if (prop === 'stroke' || prop === 'fill') ink++;
          if (prop === 'clearRect') ink = 0;
          return args.length;
        };
      },
      set(target, prop: string, value) {
        target[prop] = value;
        return true;
      },
    },
  );
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ctx as unknown as CanvasRenderingContext2D);
  vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(() => `data:image/png;base64,iVBORw0KGgo${'A'.repeat(ink)}`);
  return { calls, ink: () => ink };
}

const pointer = (type: 'pointerDown' | 'pointerMove' | 'pointerUp', el: Element, x: number, y: number) =>
  fireEvent[type](el, { pointerId: 1, pointerType: 'touch', clientX: x, clientY: y, button: 0, buttons: 1 });

describe('signature pad', () => {
  let canvas: ReturnType<typeof fakeCanvas>;
  beforeEach(() => {
    canvas = fakeCanvas();
  });
  afterEach(() => vi.restoreAllMocks());

  it('turns a drawn stroke into a PNG data URL', () => {
    const onChange = vi.fn();
    renderWithApp(<SignaturePad onChange={onChange} />);
    const pad = screen.getByRole('img', { name: '签名区' });
    expect(pad.getAttribute('data-empty')).toBe('true');
    expect(screen.getByRole('button', { name: /清除/ })).toHaveProperty('disabled', true);

    pointer('pointerDown', pad, 10, 10);
    pointer('pointerMove', pad, 40, 30);
    pointer('pointerMove', pad, 80, 20);
    pointer('pointerUp', pad, 80, 20);

    expect(canvas.calls.filter((c) => c === 'lineTo')).toHaveLength(2);
    expect(onChange).toHaveBeenCalledTimes(1);
    const png = onChange.mock.calls[0]?.[0] as string;
    expect(png).toMatch(/^data:image\/png;base64,/);
    expect(canvas.ink()).toBeGreaterThan(0);
    expect(pad.getAttribute('data-empty')).toBe('false');
    expect(screen.queryByText('请在此处签名')).toBeNull();
  });

  it('clears the drawing and reports that it is empty', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SignaturePad onChange={onChange} />);
    const pad = screen.getByRole('img', { name: '签名区' });
    pointer('pointerDown', pad, 5, 5);
    pointer('pointerMove', pad, 50, 50);
    pointer('pointerUp', pad, 50, 50);
    expect(onChange).toHaveBeenLastCalledWith(expect.stringMatching(/^data:image\/png/));

    await user.click(screen.getByRole('button', { name: /清除/ }));
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(canvas.ink()).toBe(0);
    expect(canvas.calls).toContain('clearRect');
    expect(pad.getAttribute('data-empty')).toBe('true');
    expect(screen.getByText('请在此处签名')).toBeTruthy();
  });

  it('ignores moves without a pen down, and draws nothing when disabled', () => {
    const onChange = vi.fn();
    const { rerender } = renderWithApp(<SignaturePad onChange={onChange} />);
    const pad = screen.getByRole('img', { name: '签名区' });
    pointer('pointerMove', pad, 40, 30);
    pointer('pointerUp', pad, 40, 30);
    expect(onChange).not.toHaveBeenCalled();
    rerender(<SignaturePad onChange={onChange} disabled />);
    pointer('pointerDown', screen.getByRole('img', { name: '签名区' }), 10, 10);
    pointer('pointerUp', screen.getByRole('img', { name: '签名区' }), 10, 10);
    expect(onChange).not.toHaveBeenCalled();
  });
});
