export { RequestEditor } from './RequestEditor';
export { ResponseView } from './ResponseView';
export { TabBar } from './TabBar';
export { RequestPanel } from './RequestPanel';
export { TabShortcuts } from './TabShortcuts';
export { keepSessionSaved } from './tabSession';
export { selectActiveTab, isDirty, scopeCollectionId } from './requestSlice';
export type { RequestSlice, RequestTab, TabOrigin } from './requestSlice';
