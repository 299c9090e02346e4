// This scenario's sound and caption files by name, as built URLs: the sound adapter loads this for the
// scenario's call alone. Written by npm run audio (audio/recipe/generate.ts).
export default import.meta.glob<string>('./*.{ogg,mp3,vtt}', {
  eager: true,
  query: '?url&no-inline',
  import: 'default',
});
