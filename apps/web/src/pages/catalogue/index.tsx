export function CataloguePage() {
  return (
    <section className="page">
      <h1>Scenario catalogue</h1>
    </section>
  );
}
