import { ArtefactStore } from '@netra/collectors';
import {
  type Classifier,
  RegistryProvider,
  registryClassifier,
  submitTip,
  type TipInput,
  type TipResult,
} from '@netra/pipeline';
import type { ServerDeps, SessionUser } from '../http/route.ts';

/** The classifier is loaded on the first tip only: most server processes never need it. */
const cached = new WeakMap<ServerDeps, { classifier: Classifier; registry: RegistryProvider; store: ArtefactStore }>();

function tipDepsOf(deps: ServerDeps) {
  let found = cached.get(deps);
  if (!found) {
    const threshold = deps.config.classifierThreshold;
    found = {
      classifier: registryClassifier(undefined, threshold?.source === 'env' ? threshold.value : undefined),
      registry: new RegistryProvider(deps.db),
      store: new ArtefactStore(deps.config.evidenceDir),
    };
    cached.set(deps, found);
  }
  return found;
}

/** A tip submitted over HTTP (form or API), attributed to the signed-in analyst. */
export function submitTipAs(deps: ServerDeps, user: SessionUser, input: TipInput, ip: string): Promise<TipResult> {
  const t = tipDepsOf(deps);
  return submitTip(
    {
      db: deps.db,
      store: t.store,
      classifier: t.classifier,
      registry: () => t.registry.get(),
      queues: deps.queues,
      ...(deps.now ? { now: deps.now } : {}),
    },
    input,
    { userId: user.id, username: user.username, ip },
  );
}
