// The dashboard arrives with the Store and Dashboard issues; until then the home page says how to
// run the pipeline, which is fully usable from the CLI.
export default function HomePage() {
  return (
    <main>
      <h1>Logscope</h1>
      <p>Log anomaly detection: Isolation Forest, DBSCAN and an autoencoder vote on every time window.</p>
      <pre>npm run detect -- logs/Linux_2k.log --year 2005</pre>
    </main>
  );
}
