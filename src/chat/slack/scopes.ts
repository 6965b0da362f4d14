// The bot scopes framecast asks for when a workspace installs it (OAuth); slack-manifest.yaml
// lists the same, each with its reason.
export const SLACK_BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "files:write",
  "files:read",
  "app_mentions:read",
  "channels:history",
  "groups:history",
  "users:read",
] as const;
