export { SandboxBadge } from './SandboxBadge';
export { SimulateInboundDialog } from './SimulateInboundDialog';
export type { SandboxSlice } from './sandboxSlice';
