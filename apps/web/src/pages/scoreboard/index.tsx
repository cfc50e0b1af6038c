export function ScoreboardPage() {
  return (
    <section className="page">
      <h1>Scoreboard</h1>
    </section>
  );
}
