/*
 * Defines the one libstdc++ symbol of GCC 13 (GLIBCXX_3.4.32) that libLibTorchSharp.so needs.
 * Older libstdc++ (GCC 12, Debian 12) initialises the standard streams through the ios_base::Init
 * objects of the libraries that use them, so this entry point has nothing left to do.
 */
void _ZSt21ios_base_library_initv(void) {}
