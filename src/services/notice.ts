/** What a change made from a screen says afterwards: that it was made (a status), or why not (an alert). */
export interface Notice {
  kind: 'status' | 'alert';
  text: string;
}
