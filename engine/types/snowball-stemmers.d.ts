// snowball-stemmers is CommonJS without type declarations; this is the part the engine uses.
declare module 'snowball-stemmers' {
  interface SnowballStemmer {
    stem(word: string): string;
  }
  const snowball: { newStemmer(language: string): SnowballStemmer };
  export default snowball;
}
