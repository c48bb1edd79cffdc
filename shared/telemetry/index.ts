export { downsample, type Point } from './downsample.ts';
export {
  DEFAULT_ALPHA,
  DEFAULT_THRESHOLDS,
  formatEffect,
  formatP,
  formatValue,
  isJudgedSignal,
  judgeCanary,
  judgeSignal,
  JUDGED_SIGNALS,
  worstVerdict,
  type CanaryInput,
  type JudgedSignal,
  type JudgeOptions,
  type SignalThresholds,
} from './judge.ts';
export { erfc, mannWhitney, mannWhitneySorted, sortedMedian, sortedSample, type MannWhitneyResult } from './mann-whitney.ts';
export { chooseStep, NICE_STEPS, pointsFor, PROMETHEUS_MAX_POINTS, type StepOptions } from './step.ts';
