export { RequestEditor } from './RequestEditor';
export { ResponseView } from './ResponseView';
export type { RequestSlice } from './requestSlice';
