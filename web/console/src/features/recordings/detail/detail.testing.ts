/* Test-only: the recordings feature's fixtures for the detail page's sub-folders (see detail.shared.ts). */
export { recordingDetail, renderRecordingsRoute } from '../recordings.testing';
