import { ClearOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { type PointerEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface SignaturePadProps {
  /** Called with a PNG data URL after each stroke, and with null when cleared. */
  onChange: (png: string | null) => void;
  /** Height in CSS pixels; the width follows the container. */
  height?: number;
  disabled?: boolean;
  /** Accessible name of the drawing area. */
  label?: string;
}

/**
 * A signature pad: draw with a finger, pen or mouse (pointer events; the page does not scroll while
 * drawing), clear, and get the drawing as a PNG data URL on a white background.
 */
export function SignaturePad({ onChange, height = 180, disabled, label }: SignaturePadProps) {
  const { t } = useTranslation('dispositions');
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ id: number; x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);

  const context = useCallback(() => canvas.current?.getContext('2d') ?? null, []);

  /** A white sheet the size of the element, at the screen's pixel density. */
  const reset = useCallback(() => {
    const el = canvas.current;
    if (!el) return;
    const ratio = typeof window !== 'undefined' ? Math.max(1, window.devicePixelRatio || 1) : 1;
    const width = el.clientWidth || el.parentElement?.clientWidth || 320;
    el.width = Math.round(width * ratio);
    el.height = Math.round(height * ratio);
    const ctx = context();
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1f1f1f';
  }, [context, height]);

  useEffect(() => {
    reset();
  }, [reset]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const p = point(e);
    drawing.current = { id: e.pointerId, ...p };
    const ctx = context();
    if (ctx) {
      // A dot for a tap.
      ctx.beginPath();
      ctx.arc(p.x, p.y, ctx.lineWidth / 2, 0, Math.PI * 2);
      ctx.fillStyle = ctx.strokeStyle as string;
      ctx.fill();
    }
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const from = drawing.current;
    if (!from || from.id !== e.pointerId) return;
    e.preventDefault();
    const p = point(e);
    const ctx = context();
    if (ctx) {
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
    }
    drawing.current = { id: e.pointerId, ...p };
  };

  const end = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current || drawing.current.id !== e.pointerId) return;
    drawing.current = null;
    setEmpty(false);
    onChange(canvas.current?.toDataURL('image/png') ?? null);
  };

  const clear = () => {
    reset();
    setEmpty(true);
    onChange(null);
  };

  return (
    <Flex vertical gap={6}>
      <div style={{ position: 'relative', border: '1px dashed #bfbfbf', borderRadius: 8, background: '#fff', overflow: 'hidden' }}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={label ?? t('signature.pad')}
          data-empty={empty}
          data-testid="signature-pad"
          style={{ display: 'block', width: '100%', height, touchAction: 'none', cursor: disabled ? 'not-allowed' : 'crosshair' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={end}
          onPointerCancel={end}
        />
        {empty && (
          <Typography.Text
            type="secondary"
            style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', pointerEvents: 'none' }}
          >
            {t('signature.placeholder')}
          </Typography.Text>
        )}
        <div style={{ position: 'absolute', left: 16, right: 16, bottom: 28, borderBottom: '1px solid #e8e8e8', pointerEvents: 'none' }} />
      </div>
      <Button icon={<ClearOutlined />} onClick={clear} disabled={disabled || empty} style={{ alignSelf: 'flex-end' }}>
        {t('signature.clear')}
      </Button>
    </Flex>
  );
}
