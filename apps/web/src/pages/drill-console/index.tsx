// Placeholder until the console helper lands its page.
import { useRoute } from '../../router/index.js';

export function DrillConsolePage() {
  const { params } = useRoute();
  return (
    <section className="page">
      <h1>Drill {params.id}</h1>
      <p className="muted">The responder console is on its way.</p>
    </section>
  );
}
