import {
  BreachSummary,
  BreachSummaryQuery,
  CalendarBody,
  CalendarDaysQuery,
  CalendarDayView,
  CalendarPreviewQuery,
  CalendarView,
  ClockView,
  DeadlinePreview,
  EscalationsQuery,
  EscalationView,
  Id,
  ImportCalendarBody,
  ImportCalendarResult,
  IsoDate,
  itemsOf,
  PutCalendarDayBody,
  pageOf,
  ReorderBody,
  ResetClocksBody,
  SiteArrivalBody,
  SlaPolicyBody,
  SlaPolicyView,
  UpdateCalendarBody,
  UpdateSlaPolicyBody,
} from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as calendars from './calendars.ts';
import * as caseActions from './case-actions.ts';
import * as escalations from './escalations.ts';
import * as policies from './policies.ts';

const IdParams = z.object({ id: Id });
const CaseParams = z.object({ id: z.string().min(1).max(64) });
const DayParams = z.object({ id: Id, date: IsoDate });
const NumericId = z.object({ id: z.coerce.number().int().positive() });

export const slaRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['deadlines'];

  // ---- calendars
  app.get(
    '/calendars',
    { config: { permission: 'cases:read' }, schema: { tags, summary: 'Business calendars', response: { 200: itemsOf(CalendarView) } } },
    async (r) => ({ items: await calendars.listCalendars(r.ctx) }),
  );
  app.post(
    '/calendars',
    {
      config: { permission: 'sla:manage' },
      schema: { tags, summary: 'Create a business calendar', body: CalendarBody, response: { 201: CalendarView } },
    },
    async (r, reply) => reply.code(201).send(await calendars.createCalendar(r.ctx, r.body)),
  );
  app.get(
    '/calendars/:id',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'A business calendar', params: IdParams, response: { 200: CalendarView } },
    },
    (r) => calendars.getCalendar(r.ctx, r.params.id),
  );
  app.patch(
    '/calendars/:id',
    {
      config: { permission: 'sla:manage' },
      schema: {
        tags,
        summary: 'Change time zone, weekly hours or name',
        params: IdParams,
        body: UpdateCalendarBody,
        response: { 200: CalendarView },
      },
    },
    (r) => calendars.updateCalendar(r.ctx, r.params.id, r.body),
  );
  app.delete(
    '/calendars/:id',
    { config: { permission: 'sla:manage' }, schema: { tags, summary: 'Delete a calendar no policy uses', params: IdParams } },
    async (r, reply) => {
      await calendars.deleteCalendar(r.ctx, r.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/calendars/:id/days',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Days off and make-up workdays in a period',
        params: IdParams,
        querystring: CalendarDaysQuery,
        response: { 200: itemsOf(CalendarDayView) },
      },
    },
    async (r) => ({ items: await calendars.listDays(r.ctx, r.params.id, r.query.from, r.query.to) }),
  );
  app.put(
    '/calendars/:id/days/:date',
    {
      config: { permission: 'sla:manage' },
      schema: {
        tags,
        summary: 'Make a date a day off or a working day (调休)',
        params: DayParams,
        body: PutCalendarDayBody,
        response: { 200: CalendarDayView },
      },
    },
    (r) => calendars.putDay(r.ctx, r.params.id, r.params.date, r.body),
  );
  app.delete(
    '/calendars/:id/days/:date',
    { config: { permission: 'sla:manage' }, schema: { tags, summary: 'Return a date to the normal week', params: DayParams } },
    async (r, reply) => {
      await calendars.deleteDay(r.ctx, r.params.id, r.params.date);
      return reply.code(204).send();
    },
  );
  app.post(
    '/calendars/:id/import',
    {
      config: { permission: 'sla:manage' },
      schema: {
        tags,
        summary: 'Import holidays and make-up workdays (holiday-cn JSON or iCalendar)',
        params: IdParams,
        body: ImportCalendarBody,
        response: { 200: ImportCalendarResult },
      },
    },
    (r) => calendars.importDays(r.ctx, r.params.id, r.body),
  );
  app.get(
    '/calendars/:id/preview',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'When a deadline of N units from a moment falls on this calendar',
        params: IdParams,
        querystring: CalendarPreviewQuery,
        response: { 200: DeadlinePreview },
      },
    },
    (r) => calendars.previewDeadline(r.ctx, r.params.id, r.query.from, r.query.amount, r.query.unit),
  );

  // ---- policies
  app.get(
    '/sla/policies',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'SLA policies in the order they are tried', response: { 200: itemsOf(SlaPolicyView) } },
    },
    async (r) => ({ items: await policies.listPolicies(r.ctx) }),
  );
  app.post(
    '/sla/policies',
    {
      config: { permission: 'sla:manage' },
      schema: { tags, summary: 'Add an SLA policy (at the end)', body: SlaPolicyBody, response: { 201: SlaPolicyView } },
    },
    async (r, reply) => reply.code(201).send(await policies.createPolicy(r.ctx, r.body)),
  );
  app.patch(
    '/sla/policies/:id',
    {
      config: { permission: 'sla:manage' },
      schema: { tags, summary: 'Change an SLA policy', params: IdParams, body: UpdateSlaPolicyBody, response: { 200: SlaPolicyView } },
    },
    (r) => policies.updatePolicy(r.ctx, r.params.id, r.body),
  );
  app.delete(
    '/sla/policies/:id',
    { config: { permission: 'sla:manage' }, schema: { tags, summary: 'Remove an SLA policy', params: IdParams } },
    async (r, reply) => {
      await policies.deletePolicy(r.ctx, r.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/sla/policies/reorder',
    {
      config: { permission: 'sla:manage' },
      schema: { tags, summary: 'Put the policies in a new order', body: ReorderBody, response: { 200: itemsOf(SlaPolicyView) } },
    },
    async (r) => ({ items: await policies.reorderPolicies(r.ctx, r.body.ids) }),
  );

  // ---- escalations and breaches
  app.get(
    '/sla/escalations',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Warnings and escalation steps, newest first',
        querystring: EscalationsQuery,
        response: { 200: pageOf(EscalationView) },
      },
    },
    (r) => escalations.listEscalations(r.ctx, r.query),
  );
  app.post(
    '/sla/escalations/:id/acknowledge',
    {
      config: { permission: 'cases:handle' },
      schema: { tags, summary: 'Take note of an escalation', params: NumericId, response: { 200: EscalationView } },
    },
    (r) => escalations.acknowledgeEscalation(r.ctx, r.params.id),
  );
  app.get(
    '/sla/breaches/summary',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'Breaches per department (by due date)', querystring: BreachSummaryQuery, response: { 200: BreachSummary } },
    },
    async (r) => ({ items: await escalations.breachSummary(r.ctx, r.query.from, r.query.to) }),
  );

  // ---- a case's clocks
  app.get(
    '/cases/:id/clocks',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'The deadlines of a case', params: CaseParams, response: { 200: itemsOf(ClockView) } },
    },
    async (r) => ({ items: await caseActions.caseClocks(r.ctx, r.params.id) }),
  );
  app.post(
    '/cases/:id/clocks/reset',
    {
      config: { permission: 'cases:handle' },
      schema: {
        tags,
        summary: 'Restart clocks from now, with a reason',
        params: CaseParams,
        body: ResetClocksBody,
        response: { 200: itemsOf(ClockView) },
      },
    },
    async (r) => ({ items: await caseActions.resetClocks(r.ctx, r.params.id, r.body) }),
  );
  app.post(
    '/cases/:id/site-arrival',
    {
      config: { permission: 'cases:handle' },
      schema: {
        tags,
        summary: 'Record arrival on site (stops the on-site clock)',
        params: CaseParams,
        body: SiteArrivalBody,
        response: { 200: itemsOf(ClockView) },
      },
    },
    async (r) => ({ items: await caseActions.recordSiteArrival(r.ctx, r.params.id, r.body) }),
  );
};
