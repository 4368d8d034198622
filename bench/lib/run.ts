/**
 * Runs a benchmark's main function: stops what it started (`cleanups`, in
 * reverse order) when it ends, fails or is interrupted, prints a failure
 * with its cause, and sets the exit code (1 when main throws or returns
 * false, 130 on Ctrl-C).
 */
export async function runBenchmark(main: () => Promise<boolean | void>, cleanups: (() => Promise<void>)[]): Promise<void> {
  const cleanup = () => Promise.allSettled([...cleanups].reverse().map((stop) => stop()));
  process.once("SIGINT", () => {
    void cleanup().finally(() => process.exit(130));
  });
  try {
    if ((await main()) === false) process.exitCode = 1;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    console.error(error instanceof Error ? `${error.message}${cause}` : error);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}
