// Runs once when a console server starts (Next.js instrumentation): starts the
// background collection of the gateway nodes' traffic. Only in the Node.js
// runtime, and imported there alone, so the server code never reaches another
// bundle.

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startConsoleTrafficSchedule } = await import("@/lib/server/traffic/traffic-schedule");
  startConsoleTrafficSchedule();
}
