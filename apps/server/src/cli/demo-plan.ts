import { type CaseStatus, type CaseView, CommentBody, CreateCaseBody, TransitionBody, UpdateCaseBody } from '@closeloop/domain';
import type { z } from 'zod';
import { commentOnCase, openCase, transitionCase, updateCase } from '../features/cases/index.ts';
import type { Ctx } from '../lib/context.ts';
import { type ProblemTemplate, type StaffKey, TEXT } from './demo-catalog.ts';
import { HOUR, MINUTE } from './demo-random.ts';
import { type CaseSpec, fill, type PlanWorld, registration, type Slot, specify } from './demo-spec.ts';

/**
 * The case histories of the demo: for each case, the steps a real team would have taken, each at
 * a moment in working hours, cut off where the case stands today. Pure planning; the steps run later
 * in time order through the service functions.
 */

export interface TimedStep {
  at: number;
  who: StaffKey;
  run: (ctx: Ctx) => Promise<void>;
}

interface Planned {
  /** Working hours after the previous step: [min, max]. */
  h: readonly [number, number];
  who: StaffKey;
  run: (ctx: Ctx) => Promise<void>;
  /** The status the case has after this step, for transitions. */
  to?: CaseStatus;
}

type Responsibility = NonNullable<z.input<typeof TransitionBody>['responsibility']>;

// ---------------------------------------------------------------- calling the services

const track = (slot: Slot, view: CaseView) => {
  slot.id = view.id;
  slot.number = view.number;
  slot.version = view.version;
  slot.status = view.status;
};
const idOf = (slot: Slot) => {
  if (!slot.id) throw new Error('demo plan: a step ran before its case was opened');
  return slot.id;
};
const opening = (slot: Slot, input: z.input<typeof CreateCaseBody>) => async (ctx: Ctx) =>
  track(slot, (await openCase(ctx, CreateCaseBody.parse(input))).case);
const updating = (slot: Slot, fields: Omit<z.input<typeof UpdateCaseBody>, 'version'>) => async (ctx: Ctx) =>
  track(slot, await updateCase(ctx, idOf(slot), UpdateCaseBody.parse({ ...fields, version: slot.version })));
const moving =
  (slot: Slot, body: z.input<typeof TransitionBody>, created?: Slot) =>
  async (ctx: Ctx): Promise<void> => {
    const result = await transitionCase(ctx, idOf(slot), TransitionBody.parse(body));
    track(slot, result.case);
    if (created && result.createdCase) track(created, result.createdCase);
  };
const commenting = (slot: Slot, body: string | ((s: Slot) => string), visibility: 'internal' | 'customer') => async (ctx: Ctx) => {
  await commentOnCase(ctx, idOf(slot), CommentBody.parse({ body: typeof body === 'function' ? body(slot) : body, visibility }));
};

// ---------------------------------------------------------------- the steps of one case

function responsibilityOf(world: PlanWorld, t: ProblemTemplate, reason = t.responsibility.reason): Responsibility {
  const r = t.responsibility;
  return {
    party: r.party,
    ...(r.party === 'ours' ? { departmentId: world.departments.get(r.department ?? 'quality') } : {}),
    ...(r.external ? { externalParty: world.rng.pick(r.external) } : {}),
    reason,
  };
}

/** Everything that happens to a case on its way to `closed`, each step marked with the status it leads to. */
function fullHistory(world: PlanWorld, s: CaseSpec, slot: Slot, options: { open: boolean; reopened: boolean }): Planned[] {
  const { rng } = world;
  const out: Planned[] = [];
  const add = (h: readonly [number, number], who: StaffKey, run: Planned['run'], to?: CaseStatus) =>
    out.push({ h, who, run, ...(to ? { to } : {}) });
  const en = s.lang === 'en';
  const owner = s.owner;
  const target = s.target;

  if (options.open) add([0, 0], s.receiver, opening(slot, registration(world, s)), 'new');
  if (!options.reopened && target === 'rejected' && rng.chance(0.15)) {
    add(
      [0.5, 8],
      'ligong',
      moving(slot, { action: 'reject', explanation: '与编号相同问题的已登记案件重复，已合并处理并告知客户。' }),
      'rejected',
    );
    return out;
  }
  add([0.2, 6], s.receiver, moving(slot, { action: 'acknowledge' }), 'acknowledged');
  add(
    [0.02, 0.3],
    s.receiver,
    commenting(slot, (x) => fill(en ? TEXT.ackEn : TEXT.ackZh, { ...s.vars, number: x.number ?? '' }), 'customer'),
  );
  // Classification (分类分级) of what registration left open; a reopened case keeps the original's.
  const classify: Omit<z.input<typeof UpdateCaseBody>, 'version'> = {};
  if (!s.assignedAtIntake) Object.assign(classify, { ownerId: world.staff[owner], departmentId: world.departments.get(s.ownerDepartment) });
  if (s.severity && s.grade && !s.gradedAtIntake) Object.assign(classify, { severity: s.severity, grade: s.grade });
  if (s.type === 'service_request' && rng.chance(0.3)) classify.grade = 'important';
  if (s.customer.tier === 'A' && s.problem && rng.chance(0.15))
    Object.assign(classify, { priorityOverride: 'P1', priorityOverrideReason: TEXT.priorityReason });
  if (!options.reopened && Object.keys(classify).length > 0) add([0.05, 1], s.receiver, updating(slot, classify));

  const investigate = () => {
    add([2, 16], owner, moving(slot, { action: 'investigate' }), 'investigating');
    if (rng.chance(0.6)) add([1, 20], owner, commenting(slot, fill(rng.pick(en ? TEXT.internalEn : TEXT.internal), s.vars), 'internal'));
  };

  if (s.problem) {
    const t = s.problem;
    investigate();
    if (target === 'closed' && !options.reopened && rng.chance(0.12)) {
      add([1, 6], owner, moving(slot, { action: 'hold', reason: rng.pick(TEXT.holdReasons) }), 'on_hold');
      add([16, 90], owner, moving(slot, { action: 'resume' }), 'investigating');
    }
    const decideEarly = rng.chance(0.5);
    const reason = options.reopened ? `复查结论：${t.responsibility.reason}` : t.responsibility.reason;
    add(
      [4, 30],
      owner,
      updating(slot, {
        validity: 'genuine',
        causeCategory: t.causeCategory,
        rootCause6m: t.rootCause6m,
        ...(s.quantityUndetermined ? { quantityDefectiveUndetermined: false, quantityDefective: Number(s.vars.defective) } : {}),
      }),
    );
    // The quality engineer decides whose responsibility it is (责任判定), early or just before closing.
    if (decideEarly) add([1, 10], 'ligong', updating(slot, { responsibility: responsibilityOf(world, t, reason) }));
    add([4, 24], owner, moving(slot, { action: 'propose', proposal: fill(t.proposal, s.vars) }), 'proposing');
    if (t.needsApproval || target === 'awaiting_approval' || rng.chance(0.25)) {
      add([0.5, 4], owner, moving(slot, { action: 'request_approval' }), 'awaiting_approval');
      if (target === 'closed' && rng.chance(0.2)) {
        add([1, 8], 'wangjingli', moving(slot, { action: 'decline', reason: rng.pick(TEXT.declineReasons) }), 'proposing');
        add([4, 16], owner, moving(slot, { action: 'request_approval' }), 'awaiting_approval');
      }
      add([1, 10], 'wangjingli', moving(slot, { action: 'approve', note: '同意按方案执行。' }), 'resolving');
    } else {
      add([1, 8], owner, moving(slot, { action: 'start_resolution' }), 'resolving');
    }
    if (rng.chance(0.5)) {
      add(
        [0.5, 6],
        owner,
        commenting(slot, en ? 'Our engineer will be on site within two working days.' : '已安排工程师两个工作日内到现场处理。', 'customer'),
      );
    }
    add([8, 50], owner, moving(slot, { action: 'request_confirmation', resolution: fill(t.resolution, s.vars) }), 'awaiting_confirmation');
    if (rng.chance(0.6)) add([0.02, 0.2], owner, commenting(slot, fill(en ? TEXT.doneEn : TEXT.doneZh, s.vars), 'customer'));
    const confirmed = rng.chance(0.85);
    if (!decideEarly) add([1, 8], 'ligong', updating(slot, { responsibility: responsibilityOf(world, t, reason) }));
    add(
      [8, 40],
      s.receiver,
      moving(slot, {
        action: 'close',
        ...(confirmed
          ? { customerConfirmed: true, confirmationNote: fill(rng.pick(TEXT.confirmationNotes), s.vars) }
          : { customerConfirmed: false, closeReason: TEXT.closeWithoutConfirmation }),
      }),
      'closed',
    );
  } else if (s.service) {
    if (target === 'investigating' || rng.chance(0.3)) investigate();
    if (target === 'proposing' || target === 'awaiting_approval' || rng.chance(0.15)) {
      add(
        [4, 20],
        owner,
        moving(slot, { action: 'propose', proposal: `保修期外有偿服务：报价人工及差旅 ${s.vars.amount} 元，备件按价目表。` }),
        'proposing',
      );
      add([0.5, 4], owner, moving(slot, { action: 'request_approval' }), 'awaiting_approval');
      add([1, 10], 'wangjingli', moving(slot, { action: 'approve' }), 'resolving');
    } else {
      add([2, 24], owner, moving(slot, { action: 'start_resolution' }), 'resolving');
    }
    if (rng.chance(0.5)) {
      add(
        [0.5, 8],
        owner,
        commenting(
          slot,
          en ? 'Engineer visit scheduled; we will confirm the date by e-mail.' : '已预约工程师上门，出发前一天电话确认。',
          'customer',
        ),
      );
    }
    add(
      [8, 60],
      owner,
      moving(slot, { action: 'request_confirmation', resolution: fill(s.service.resolution, s.vars) }),
      'awaiting_confirmation',
    );
    add(
      [4, 40],
      owner,
      moving(slot, { action: 'close', customerConfirmed: true, confirmationNote: fill(rng.pick(TEXT.confirmationNotes), s.vars) }),
      'closed',
    );
  } else if (s.question) {
    const answer = fill(s.question.answer, s.vars);
    if (target === 'investigating' || s.type === 'suggestion' || rng.chance(0.3)) investigate();
    add([0.5, 12], owner, commenting(slot, answer, 'customer'));
    add([0.1, 8], owner, moving(slot, { action: 'close', resolution: answer, customerConfirmed: rng.chance(0.5) }), 'closed');
  }
  return out;
}

/** The steps up to the first reaching `status`, with the comments and edits that follow it before the next move. */
function through(history: Planned[], status: CaseStatus): Planned[] {
  const i = history.findIndex((p) => p.to === status);
  if (i < 0) return [];
  let j = i + 1;
  while (j < history.length && history[j]?.to === undefined) j++;
  return history.slice(0, j);
}

/** The way to `rejected`: looked into, found unfounded, explained to the customer (投诉不成立). */
function rejection(world: PlanWorld, s: CaseSpec): Planned[] {
  const { rng } = world;
  const out = fullHistory(world, s, s.slot, { open: true, reopened: false });
  if (out.at(-1)?.to === 'rejected') return out;
  // Registration, acknowledgement with its reply and classification; then perhaps an investigation.
  const kept = through(out, 'acknowledged');
  const i = out.findIndex((p) => p.to === 'investigating');
  if (i >= 0 && rng.chance(0.6)) kept.push(out[i] as Planned);
  const explanation = rng.pick(TEXT.rejectExplanations);
  kept.push({
    h: [4, 30],
    who: s.owner === 'wangjingli' ? 'wangjingli' : 'ligong',
    run: updating(s.slot, {
      validity: explanation.includes('非我司产品') ? 'not_our_product' : 'misunderstanding',
      isQualityRelated: false,
    }),
  });
  kept.push({ h: [1, 16], who: 'ligong', run: moving(s.slot, { action: 'reject', explanation }), to: 'rejected' });
  return kept;
}

/** Cut a history where the case stands today; `on_hold` stops at a working status and adds the hold. */
function cutAt(world: PlanWorld, s: CaseSpec, history: Planned[]): Planned[] {
  if (s.target === 'closed') return history;
  let target = s.target;
  if (target === 'on_hold') {
    const bases = (
      ['acknowledged', 'investigating', 'proposing', 'awaiting_approval', 'resolving', 'awaiting_confirmation'] as const
    ).filter((b) => history.some((p) => p.to === b));
    target = world.rng.pick(bases);
  }
  const kept = through(history, target);
  if (kept.length === 0) throw new Error(`demo plan: a ${s.type} cannot reach ${target}`);
  if (s.target === 'on_hold') {
    kept.push({
      h: [1, 12],
      who: s.owner,
      run: moving(s.slot, { action: 'hold', reason: world.rng.pick(TEXT.holdReasons) }),
      to: 'on_hold',
    });
  }
  return kept;
}

/** Give each step its moment: working hours after the previous one, squeezed to end before "today". */
function schedule(world: PlanWorld, openAt: number, steps: Planned[]): TimedStep[] {
  const { rng, calendar, end } = world;
  const times: number[] = [];
  let t = openAt;
  for (const [k, step] of steps.entries()) {
    t = k === 0 ? openAt : Math.max(calendar.addWorkingHours(t, rng.between(step.h[0], step.h[1])), t + MINUTE);
    times.push(t);
  }
  const last = times.at(-1) ?? openAt;
  const latest = end - Math.min(rng.between(10 * MINUTE, 3 * HOUR), (end - openAt) / 2);
  if (last > latest) {
    const factor = (latest - openAt) / (last - openAt);
    let previous = -Infinity;
    for (const [k, time] of times.entries()) {
      previous = Math.max(openAt + (time - openAt) * factor, previous + 1000);
      times[k] = Math.round(previous);
    }
  }
  return steps.map((step, k) => ({ at: times[k] as number, who: step.who, run: step.run }));
}

/** Every step of `count` cases (plus the cases reopened from them), in the order they happen. */
export function planCases(world: PlanWorld, count: number): { slots: Slot[]; steps: TimedStep[] } {
  const slots: Slot[] = [];
  const steps: TimedStep[] = [];
  for (const spec of specify(world, count)) {
    slots.push(spec.slot);
    let history =
      spec.target === 'rejected'
        ? rejection(world, spec)
        : cutAt(world, spec, fullHistory(world, spec, spec.slot, { open: true, reopened: false }));
    if (spec.reopen && spec.problem) {
      const child: Slot = { version: 0, status: 'new', type: spec.type };
      slots.push(child);
      history = [
        ...history,
        {
          h: [40, 200],
          who: spec.receiver,
          run: moving(spec.slot, { action: 'reopen', reason: world.rng.pick(TEXT.reopenReasons) }, child),
        },
        ...fullHistory(world, { ...spec, slot: child, target: 'closed' }, child, { open: false, reopened: true }),
      ];
    }
    // Registered in the next working hour (a form sent at night waits for the morning), unless that is past "today".
    const registeredAt = world.calendar.nextWorking(spec.openAt);
    steps.push(...schedule(world, registeredAt > world.end - HOUR ? spec.openAt : registeredAt, history));
  }
  // A stable sort: steps of one case keep their order even at equal times.
  steps.sort((a, b) => a.at - b.at);
  return { slots, steps };
}
