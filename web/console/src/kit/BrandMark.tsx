/** The Switchboard mark: four jacks, two patched across. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#13736c" />
      <path
        d="M10 11 22 21M22 11 10 21"
        stroke="#ffffff"
        strokeWidth="2"
        strokeLinecap="round"
        opacity="0.9"
      />
      <circle cx="10" cy="11" r="3" fill="#b7f0e4" />
      <circle cx="22" cy="11" r="3" fill="#ffffff" />
      <circle cx="10" cy="21" r="3" fill="#ffffff" />
      <circle cx="22" cy="21" r="3" fill="#b7f0e4" />
    </svg>
  );
}
