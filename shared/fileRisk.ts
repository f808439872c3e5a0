/**
 * File types that run code when opened (Windows, macOS, Linux, Office macros, web pages): the
 * desktop app and browser mode warn before opening or downloading one of these, whoever sent it.
 */
const KINDS: Record<string, string> = {
  'a program': 'exe com scr pif cpl msc gadget appimage run bin elf',
  'an installer': 'msi msix msp appx appxbundle pkg dmg deb rpm apk',
  'a script': 'bat cmd ps1 psm1 psd1 vbs vbe js jse mjs cjs wsf wsh wsc hta sh bash zsh csh ksh command py pyw pl rb php jar lua applescript scpt',
  'a shortcut or link that can start a program': 'lnk url desktop inf reg scf settingcontent-ms library-ms',
  'an Office document with macros': 'docm dotm xlsm xltm xlam xlsb pptm potm ppam ppsm sldm',
  'a web page (it can run scripts when opened)': 'html htm xhtml shtml mht mhtml svg xml xsl',
  'a disk image that can hold programs': 'iso img vhd vhdx',
};

const BY_EXTENSION = new Map(Object.entries(KINDS).flatMap(([what, exts]) => exts.split(' ').map((e) => [e, what] as const)));

/** What a file of this name is, when it is a kind that can run code; null for documents and data. */
export function riskOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return null;
  return BY_EXTENSION.get(fileName.slice(dot + 1).toLowerCase()) ?? null;
}

/** The warning shown before such a file is opened or downloaded. */
export const riskWarning = (fileName: string, what: string): string =>
  `"${fileName}" is ${what}: opening it can run code on this computer with your permissions. Open it only if you know where it came from and trust it — a file from a partner's bundle is exactly as trustworthy as the partner.`;
