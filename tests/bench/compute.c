/*
 * compute [NINTS [SHABYTES]]: CPU-bound guest work with no syscalls in the
 * loop -- qsort over NINTS pseudo-random ints, then SHA-256 (FIPS 180-4)
 * over SHABYTES of generated data.  Prints a checksum of the sorted array
 * and the digest, so a wrong emulation shows as different output.
 * Defaults: 2M ints and 64 MiB; tiny sizes make a quick correctness run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t next(void)	/* Numerical Recipes LCG: same on every ABI */
{
	seed = seed * 1664525u + 1013904223u;
	return seed;
}

static int cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* SHA-256, straight from the FIPS 180-4 description (section 6.2). */
static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};
#define ROR(x, n) ((x) >> (n) | (x) << (32 - (n)))

struct sha { uint32_t h[8]; uint64_t len; uint8_t buf[64]; unsigned fill; };

static void block(struct sha *s, const uint8_t *p)
{
	uint32_t w[64], v[8];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, s->h, sizeof v);
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = v[7] + (ROR(v[4], 6) ^ ROR(v[4], 11) ^ ROR(v[4], 25)) +
			      ((v[4] & v[5]) ^ (~v[4] & v[6])) + K[i] + w[i];
		uint32_t t2 = (ROR(v[0], 2) ^ ROR(v[0], 13) ^ ROR(v[0], 22)) +
			      ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof v[0]);
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (int i = 0; i < 8; i++)
		s->h[i] += v[i];
}

static void sha_init(struct sha *s)
{
	static const uint32_t h0[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memcpy(s->h, h0, sizeof h0);
	s->len = 0;
	s->fill = 0;
}

static void sha_add(struct sha *s, const uint8_t *p, size_t n)
{
	s->len += n;
	while (n) {
		if (s->fill == 0 && n >= 64) {
			block(s, p);
			p += 64, n -= 64;
			continue;
		}
		size_t take = 64 - s->fill < n ? 64 - s->fill : n;
		memcpy(s->buf + s->fill, p, take);
		s->fill += take, p += take, n -= take;
		if (s->fill == 64) {
			block(s, s->buf);
			s->fill = 0;
		}
	}
}

static void sha_end(struct sha *s, uint8_t out[32])
{
	uint64_t bits = s->len * 8;
	uint8_t pad[72] = { 0x80 };
	size_t padlen = (s->fill < 56 ? 56 : 120) - s->fill;
	for (int i = 0; i < 8; i++)
		pad[padlen + i] = (uint8_t)(bits >> (56 - 8 * i));
	sha_add(s, pad, padlen + 8);
	for (int i = 0; i < 32; i++)
		out[i] = (uint8_t)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

int main(int argc, char **argv)
{
	size_t nints = argc > 1 ? strtoul(argv[1], 0, 0) : 2000000;
	size_t shabytes = argc > 2 ? strtoul(argv[2], 0, 0) : 64u << 20;

	int32_t *a = malloc(nints * sizeof *a + 1);
	if (!a)
		return perror("malloc"), 1;
	for (size_t i = 0; i < nints; i++)
		a[i] = (int32_t)next();
	qsort(a, nints, sizeof *a, cmp);
	uint64_t sum = 0;
	for (size_t i = 0; i < nints; i++) {
		if (i && a[i - 1] > a[i])
			return printf("qsort: not sorted at %zu\n", i), 1;
		sum = sum * 31 + (uint32_t)a[i];
	}
	printf("qsort %zu ints: checksum %016llx\n", nints, (unsigned long long)sum);
	free(a);

	static uint8_t chunk[1 << 16];
	struct sha s;
	uint8_t d[32];
	sha_init(&s);
	for (size_t done = 0; done < shabytes;) {
		size_t n = shabytes - done < sizeof chunk ? shabytes - done : sizeof chunk;
		for (size_t i = 0; i < n; i += 4) {
			uint32_t r = next();	/* little-endian bytes: one digest on every ABI */
			chunk[i] = (uint8_t)r, chunk[i + 1] = (uint8_t)(r >> 8);
			chunk[i + 2] = (uint8_t)(r >> 16), chunk[i + 3] = (uint8_t)(r >> 24);
		}
		sha_add(&s, chunk, n);
		done += n;
	}
	sha_end(&s, d);
	printf("sha256 %zu bytes: ", shabytes);
	for (int i = 0; i < 32; i++)
		printf("%02x", d[i]);
	printf("\n");
	return 0;
}
