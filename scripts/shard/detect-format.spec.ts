import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format';
import { RATING_FORMATS, type RatingEntry } from './rating-formats';

const cases: [string, string, string][] = [
  [
    'mal-userlists-2023.csv.gz',
    'user_id,anime_id,score,watching_status,watched_episodes',
    'animelist',
  ],
  ['animelist.csv', 'user_id,anime_id,score,watching_status,watched_episodes', 'animelist'],
  ['rating_complete.csv', 'user_id,anime_id,rating', 'rating_complete'],
  ['rating.csv', 'user_id,anime_id,rating', 'rating'],
  ['users-score-2023.csv', 'user_id,Username,anime_id,Anime Title,rating', 'users-score'],
  ['mal-userscores-2024.csv.gz', 'user_id,anime_id,score', 'user-scores'],
  ['anime.csv', 'anime_id,name,genre,type,episodes,rating,members', 'anime-2017'],
  [
    'anime.csv',
    'MAL_ID,Name,Score,Genres,English name,Japanese name,Type,Episodes,Aired,Premiered,Producers,Licensors,Studios,Source,Duration,Rating,Ranked,Popularity,Members',
    'anime-2020',
  ],
  ['anime_with_synopsis.csv', 'MAL_ID,Name,Score,Genres,sypnopsis', 'anime-with-synopsis-2020'],
  [
    'anime-dataset-2023.csv',
    'anime_id,Name,English name,Other name,Score,Genres,Synopsis,Type,Episodes,Aired,Premiered,Status,Producers,Licensors,Studios,Source,Duration,Rating,Rank,Popularity,Favorites,Scored By,Members,Image URL',
    'anime-dataset-2023',
  ],
  [
    'ranking.csv',
    'id,title,mean,rank,popularity,num_list_users,num_scoring_users',
    'animaflow-ranking',
  ],
  ['genre.csv', 'id,name', 'mal-2022-genre'],
  ['studio.csv', 'id,name,rank,favorites,img_url', 'mal-2022-studio'],
  ['watching_status.csv', 'status, description', 'watching-status'],
  ['users-details-2023.csv', 'Mal ID,Username,Gender,Birthday,Location', 'users-details-2023'],
];

describe('detectFormat', () => {
  it.each(cases)('%s with header %s is %s', (file, header, expected) => {
    expect(detectFormat(file, header.split(',')).format.name).toBe(expected);
  });

  it('tolerates a byte-order mark and stray spaces', () => {
    expect(detectFormat('x.csv', ['\uFEFFuser_id', ' anime_id ', 'score']).format.name).toBe(
      'user-scores',
    );
  });

  it('names the file, its header and the known formats for an unknown table', () => {
    expect(() => detectFormat('mystery.csv', ['foo', 'bar'])).toThrow(
      /mystery\.csv: unknown table format\. Its header is "foo,bar"[\s\S]*animelist: user_id,anime_id,score/,
    );
  });
});

function read(format: string, header: string, row: string): RatingEntry | null {
  const spec = RATING_FORMATS.find((f) => f.name === format)!;
  const columns = header.split(',');
  const reader = spec.makeReader((c) => columns.indexOf(c));
  const out: RatingEntry = { user: -1, anime: -1, score: -1, status: -1 };
  return reader(row.split(','), out) ? out : null;
}

describe('rating rows', () => {
  const animelist = 'user_id,anime_id,score,watching_status,watched_episodes';
  it('keeps status and treats score 0 as unscored in user lists', () => {
    expect(read('animelist', animelist, '3,5114,0,6,0')).toEqual({
      user: 3,
      anime: 5114,
      score: 0,
      status: 6,
    });
    expect(read('animelist', animelist, '3,5114,9,2,64')).toEqual({
      user: 3,
      anime: 5114,
      score: 9,
      status: 2,
    });
    expect(read('animelist', animelist, '3,5114,9,55,64')?.status).toBe(0);
  });

  it('reads 2017 -1 as a completed entry without a score', () => {
    expect(read('rating', 'user_id,anime_id,rating', '7,1,-1')).toEqual({
      user: 7,
      anime: 1,
      score: 0,
      status: 2,
    });
    expect(read('rating', 'user_id,anime_id,rating', '7,1,8')).toEqual({
      user: 7,
      anime: 1,
      score: 8,
      status: 0,
    });
  });

  it('marks rating_complete rows completed and reads decimal scores', () => {
    expect(read('rating_complete', 'user_id,anime_id,rating', '0,430,9')?.status).toBe(2);
    expect(read('user-scores', 'user_id,anime_id,score', '0,1535,8.0')?.score).toBe(8);
  });

  it('rejects rows it cannot use', () => {
    expect(read('user-scores', 'user_id,anime_id,score', 'x,1535,8')).toBeNull();
    expect(read('user-scores', 'user_id,anime_id,score', '1,1535,11')).toBeNull();
    expect(read('user-scores', 'user_id,anime_id,score', '1,,8')).toBeNull();
  });
});
