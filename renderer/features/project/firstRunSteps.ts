import { FIRST_RUN_STEPS, type FirstRunDelivery, type FirstRunState, type FirstRunStep } from '../../../shared/model/project';

/**
 * What the Project view's actions (and the checklist's own buttons) tell the guided first run. They
 * say what happened; which step that ends is the step table's business, below.
 */
export type FirstRunMilestone =
  | { kind: 'environmentChosen'; environmentId: string }
  | { kind: 'accessChecked'; environmentId: string }
  /** `environmentId` when the app was created here (it became the environment's app). */
  | { kind: 'appChosen'; appId: string; environmentId?: string }
  | { kind: 'channelSaved'; channelCount: number }
  | { kind: 'channelsOrdered' }
  | { kind: 'webhookSaved' }
  | { kind: 'messageSent'; messageId: string }
  | { kind: 'deliverySeen'; delivery: FirstRunDelivery };

/** What a step records in the run when it is done. */
type StepRecord = Partial<Omit<FirstRunState, 'done' | 'dismissed'>>;

interface StepEntry {
  title: string;
  /** The step's done-rule: what the run records when `milestone` ends the step, null when it does not. */
  doneBy(milestone: FirstRunMilestone): StepRecord | null;
  /**
   * Counted while the checklist is closed too: what the run must remember whatever is on screen (the
   * message whose delivery report ends the run, the environment it was made for, that report).
   */
  whileClosed?: true;
}

/**
 * The getting-started guide's steps, each with its title and its done-rule; their order is
 * FIRST_RUN_STEPS (which the saved run is checked against). A new step is an id there and an entry
 * here (and its body in the checklist): typecheck asks for both.
 */
export const FIRST_RUN_STEP_TABLE: { readonly [S in FirstRunStep]: StepEntry } = {
  environment: {
    title: 'Choose where to work',
    whileClosed: true,
    doneBy: (m) => (m.kind === 'environmentChosen' ? { environmentId: m.environmentId } : null),
  },
  access: { title: 'Check your access key', doneBy: (m) => (m.kind === 'accessChecked' ? { environmentId: m.environmentId } : null) },
  app: {
    title: 'Create an app',
    doneBy: (m) => (m.kind === 'appChosen' ? { appId: m.appId, ...(m.environmentId !== undefined ? { environmentId: m.environmentId } : {}) } : null),
  },
  // One channel is enough to go on.
  channels: { title: 'Add channels', doneBy: (m) => (m.kind === 'channelSaved' && m.channelCount > 0 ? {} : null) },
  order: { title: 'Order the channels by priority', doneBy: (m) => (m.kind === 'channelsOrdered' ? {} : null) },
  webhook: { title: 'Add a webhook with a secret', doneBy: (m) => (m.kind === 'webhookSaved' ? {} : null) },
  message: { title: 'Send a first message', whileClosed: true, doneBy: (m) => (m.kind === 'messageSent' ? { messageId: m.messageId } : null) },
  callback: { title: 'See its delivery callback', whileClosed: true, doneBy: (m) => (m.kind === 'deliverySeen' ? { delivery: m.delivery } : null) },
};

/** Where the checklist is: the first step not done yet (null when every step is done). */
export function currentStep(run: FirstRunState | null): FirstRunStep | null {
  if (!run) return FIRST_RUN_STEPS[0];
  return FIRST_RUN_STEPS.find((step) => !run.done.includes(step)) ?? null;
}

/**
 * The run once `milestone` happened: the steps it ends are done, with what they record; null when it
 * ends none (or none that counts while the checklist is closed). Working in the view means an
 * environment was chosen: the active one, done with any other step.
 */
export function advanceFirstRun(
  run: FirstRunState,
  milestone: FirstRunMilestone,
  context: { open: boolean; activeEnvironmentId: string | null },
): FirstRunState | null {
  const ended = FIRST_RUN_STEPS.flatMap((step) => {
    const entry = FIRST_RUN_STEP_TABLE[step];
    const record = context.open || entry.whileClosed ? entry.doneBy(milestone) : null;
    return record ? [{ step, record }] : [];
  });
  if (ended.length === 0) return null;
  const active = context.activeEnvironmentId;
  const chosen = active !== null && !run.done.includes('environment') && !ended.some((e) => e.step === 'environment');
  const isDone = (s: FirstRunStep): boolean => run.done.includes(s) || ended.some((e) => e.step === s) || (chosen && s === 'environment');
  const recorded = ended.reduce<StepRecord>((all, e) => ({ ...all, ...e.record }), {});
  return { ...run, ...(chosen ? { environmentId: active } : {}), ...recorded, done: FIRST_RUN_STEPS.filter(isDone) };
}
