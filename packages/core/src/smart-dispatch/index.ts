/** 智能分拨 (smart dispatch): the model, its training job and store, and the suggestions (docs/smart-dispatch.md). */
export { suggestDispatch, dispatchModels, startTraining } from './suggest-dispatch.ts';
export { trainDispatchModel, retrainIfStale } from './train-job.ts';
export { currentModel } from './model-store.ts';
export { autoDispatchSetting, setAutoDispatch, runAutoDispatch } from './auto-dispatch.ts';
