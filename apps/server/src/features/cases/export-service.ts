import { type LabelLanguage, type ListCasesQuery, VOCABULARY_LABELS } from '@closeloop/domain';
import type { z } from 'zod';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import * as listRepo from './list-repository.ts';
import { caseFilterOf } from './service.ts';

/** Enough for a month's analysis in Excel; beyond it, narrow the filter. */
export const EXPORT_MAX_ROWS = 50_000;

const HEADERS: Record<LabelLanguage, string[]> = {
  'zh-CN': [
    '编号',
    '类型',
    '状态',
    '标题',
    '客户',
    '产品型号',
    '严重性',
    '等级',
    '优先级',
    '渠道',
    '负责人',
    '受理时间',
    '登记时间',
    '最后更新',
  ],
  'en-US': [
    'Number',
    'Type',
    'Status',
    'Title',
    'Customer',
    'Product model',
    'Severity',
    'Grade',
    'Priority',
    'Channel',
    'Owner',
    'Received',
    'Registered',
    'Last update',
  ],
};

/** Quote a cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | null | undefined): string {
  let s = value ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const local = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);

/** The cases of a filter as CSV (UTF-8 with BOM so Excel reads Chinese), labels in the caller's language. */
export async function exportCasesCsv(ctx: Ctx, query: z.infer<typeof ListCasesQuery>, lang: LabelLanguage) {
  ensure(ctx.actor, 'cases:read');
  const filter = caseFilterOf(query, ctx.config.timeZone, ctx.now());
  const rows = await listRepo.listCases(ctx.db, filter, query.sort, 1, EXPORT_MAX_ROWS + 1);
  const truncated = rows.length > EXPORT_MAX_ROWS;
  const L = VOCABULARY_LABELS[lang];
  const label = (map: Record<string, string>, v: string | null) => (v ? (map[v] ?? v) : '');
  const tz = ctx.config.timeZone;
  const lines = [HEADERS[lang].map(csvCell).join(',')];
  for (const r of rows.slice(0, EXPORT_MAX_ROWS)) {
    lines.push(
      [
        r.c.number,
        label(L.caseType, r.c.type),
        label(L.caseStatus, r.c.status),
        r.c.title,
        r.customerName,
        r.productModel,
        label(L.severity, r.c.severity),
        label(L.grade, r.c.grade),
        r.c.priority,
        label(L.channel, r.c.channel),
        r.ownerName,
        local(r.c.receivedAt, tz),
        local(r.c.createdAt, tz),
        local(r.c.updatedAt, tz),
      ]
        .map((v) => csvCell(v))
        .join(','),
    );
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, truncated, count: Math.min(rows.length, EXPORT_MAX_ROWS) };
}
