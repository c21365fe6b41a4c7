import { actStep, friendRequestStep, pokeStep, sayStep, uploadStep } from './steps-talk.js';
import { expectCallStep, expectNoneStep, expectStep, markStep } from './steps-expect.js';
import { disconnectStep, faultStep, healthStep } from './steps-faults.js';
import { advanceStep, joinStep, kickStep, leaveStep, muteStep } from './steps-world.js';
import type { StepSpec } from './step.js';

/** Every step a scenario may use, by its key. A new step is one entry here (and its spec). */
export const stepTable: readonly StepSpec[] = [
  sayStep,
  pokeStep,
  friendRequestStep,
  uploadStep,
  joinStep,
  leaveStep,
  kickStep,
  muteStep,
  advanceStep,
  actStep,
  faultStep,
  healthStep,
  disconnectStep,
  markStep,
  expectStep,
  expectCallStep,
  expectNoneStep,
];

export const stepsByName: ReadonlyMap<string, StepSpec> = new Map(stepTable.map((step) => [step.name, step]));
