/*
 * What the detail page's sub-folders (analysis/, review/) take from the recordings feature: the
 * lint rule lets a file go up one folder only, so they come through here.
 */
export { formatMoment } from '../recordings.format';
export { recordingWords } from '../recordings.messages';
