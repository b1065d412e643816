/*
 * weaken-version-need FILE VERSION: marks the version requirement VERSION (for example GLIBCXX_3.4.32) of an
 * ELF64 shared library as weak (VER_FLG_WEAK), so that the dynamic loader accepts a library that lacks that
 * version instead of refusing to load. patchelf 0.14 clears a symbol's version but keeps the requirement.
 * Exit codes: 0 marked (or already weak), 1 error, 2 the file has no such requirement.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE VERSION\n", argv[0]);
        return 1;
    }
    int fd = open(argv[1], O_RDWR);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(Elf64_Ehdr)) {
        perror(argv[1]);
        return 1;
    }
    unsigned char *base = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    const Elf64_Ehdr *header = (const Elf64_Ehdr *)base;
    if (memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 || header->e_ident[EI_CLASS] != ELFCLASS64
        || header->e_shoff + (size_t)header->e_shnum * sizeof(Elf64_Shdr) > (size_t)st.st_size) {
        fprintf(stderr, "%s: not an ELF64 file\n", argv[1]);
        return 1;
    }
    const Elf64_Shdr *sections = (const Elf64_Shdr *)(base + header->e_shoff);
    int found = 0;
    for (int s = 0; s < header->e_shnum; s++) {
        if (sections[s].sh_type != SHT_GNU_verneed) {
            continue;
        }
        const char *strings = (const char *)(base + sections[sections[s].sh_link].sh_offset);
        unsigned char *need = base + sections[s].sh_offset;
        for (;;) {
            Elf64_Verneed *verneed = (Elf64_Verneed *)need;
            unsigned char *aux = need + verneed->vn_aux;
            for (int a = 0; a < verneed->vn_cnt; a++) {
                Elf64_Vernaux *vernaux = (Elf64_Vernaux *)aux;
                if (strcmp(strings + vernaux->vna_name, argv[2]) == 0) {
                    vernaux->vna_flags |= VER_FLG_WEAK;
                    found = 1;
                }
                if (vernaux->vna_next == 0) {
                    break;
                }
                aux += vernaux->vna_next;
            }
            if (verneed->vn_next == 0) {
                break;
            }
            need += verneed->vn_next;
        }
    }
    if (msync(base, (size_t)st.st_size, MS_SYNC) != 0 || munmap(base, (size_t)st.st_size) != 0 || close(fd) != 0) {
        perror(argv[1]);
        return 1;
    }
    return found ? 0 : 2;
}
