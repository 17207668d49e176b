import type { BackendContext, HandlerGroup } from '../context';

/** `tunnel.*`: the public URL callbacks reach the listener through (pasted, or ngrok started here). */
export function tunnelHandlers({ tunnel }: Pick<BackendContext, 'tunnel'>): HandlerGroup<'tunnel'> {
  return {
    'tunnel.status': async () => tunnel.state(),
    'tunnel.start': () => tunnel.start(),
    'tunnel.stop': () => tunnel.stop(),
    'tunnel.setPublicUrl': ({ url }) => tunnel.setPublicUrl(url),
    'tunnel.setAuthtoken': ({ value }) => tunnel.setAuthtoken(value),
    'tunnel.deleteAuthtoken': () => tunnel.deleteAuthtoken(),
  };
}
