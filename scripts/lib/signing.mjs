// Code signing, switched on by environment variables only (CI secrets); with none set, nothing is
// signed and the installers still build. Secrets are never printed.
//
// Windows, either
//   Azure Trusted Signing: AZURE_TRUSTED_SIGNING_ENDPOINT, AZURE_TRUSTED_SIGNING_ACCOUNT,
//     AZURE_TRUSTED_SIGNING_PROFILE, plus the service principal AZURE_TENANT_ID, AZURE_CLIENT_ID,
//     AZURE_CLIENT_SECRET (read by Azure's own tooling); optional WIN_PUBLISHER_NAME
//   or a certificate file: WIN_CSC_LINK (or CSC_LINK) and WIN_CSC_KEY_PASSWORD (or CSC_KEY_PASSWORD),
//     read by electron-builder itself.
// macOS: a Developer ID Application certificate in CSC_LINK + CSC_KEY_PASSWORD (or CSC_NAME for one
//   in the keychain); notarisation with APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or
//   APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID.
// TPW_REQUIRE_SIGNING=1 makes an unsigned build fail instead (for tagged releases).

const set = (env, ...names) => names.every((n) => typeof env[n] === 'string' && env[n].trim() !== '');

/** The electron-builder settings signing needs for `env`, and a line per platform saying what will happen. */
export function signingConfig(env = process.env) {
  const config = { win: {}, mac: {} };
  const summary = [];

  if (set(env, 'AZURE_TRUSTED_SIGNING_ENDPOINT', 'AZURE_TRUSTED_SIGNING_ACCOUNT', 'AZURE_TRUSTED_SIGNING_PROFILE', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET')) {
    config.win.azureSignOptions = {
      endpoint: env.AZURE_TRUSTED_SIGNING_ENDPOINT.trim(),
      codeSigningAccountName: env.AZURE_TRUSTED_SIGNING_ACCOUNT.trim(),
      certificateProfileName: env.AZURE_TRUSTED_SIGNING_PROFILE.trim(),
      ...(set(env, 'WIN_PUBLISHER_NAME') ? { publisherName: env.WIN_PUBLISHER_NAME.trim() } : {}),
    };
    summary.push(`Windows: signed with Azure Trusted Signing (account ${config.win.azureSignOptions.codeSigningAccountName}, profile ${config.win.azureSignOptions.certificateProfileName})`);
  } else if (set(env, 'WIN_CSC_LINK') || set(env, 'CSC_LINK')) {
    summary.push('Windows: signed with the certificate in WIN_CSC_LINK / CSC_LINK');
  } else {
    summary.push('Windows: not signed (no signing variables set)');
  }

  const macIdentity = set(env, 'CSC_LINK') || set(env, 'CSC_NAME');
  if (macIdentity) {
    const notarise = set(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') || set(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID');
    config.mac.notarize = notarise;
    summary.push(`macOS: signed with the Developer ID in ${set(env, 'CSC_LINK') ? 'CSC_LINK' : 'CSC_NAME'}${notarise ? ', notarised' : ', not notarised (no Apple notarisation variables set)'}`);
  } else {
    // Without this electron-builder would look for any identity in the keychain.
    config.mac.identity = null;
    config.mac.notarize = false;
    summary.push('macOS: not signed (no signing variables set)');
  }

  if (set(env, 'TPW_REQUIRE_SIGNING') && env.TPW_REQUIRE_SIGNING.trim() !== '0') config.forceCodeSigning = true;
  return { config, summary };
}
