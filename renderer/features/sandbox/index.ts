export { SandboxBadge, SandboxNotice } from './SandboxBadge';
export { ResetSandboxDialog } from './ResetSandboxDialog';
export { SimulateInboundDialog } from './SimulateInboundDialog';
export type { SandboxSlice } from './sandboxSlice';
