//! The one table of object kinds: every libvirt handle type that lives in
//! a Perl object, with its class, its pointer type, how a reference is
//! given back and taken, and the `virt` crate type an object argument can
//! be used as, where that crate has one. A new class is one row here (and
//! its package module).

use std::ffi::c_void;

use crate::bridge::{Handle, IntoReturn, IntoValue, KindInfo, Owned, Ret, Value};

macro_rules! handle_kinds {
    ($( $marker:ident => $class:literal, $ptr:ident, $free:ident, $retain:ident $(, view $view:ty)?; )*) => {
        #[repr(u16)]
        #[allow(dead_code)]
        enum Index { Error = 0, $($marker),* }

        $(
            #[doc = concat!("Objects of class `", $class, "` (`", stringify!($ptr), "`).")]
            pub enum $marker {}

            impl Handle for $marker {
                const KIND: u16 = Index::$marker as u16;
                type Ptr = virt_sys::$ptr;
                handle_kinds!(@view $($view)?);
                fn from_void(raw: *mut c_void) -> Self::Ptr {
                    raw as Self::Ptr
                }
                fn to_void(ptr: Self::Ptr) -> *mut c_void {
                    ptr as *mut c_void
                }
            }
            $( handle_kinds!(@into $marker, $view); )?
        )*

        /// The kinds table the bridge is booted with; index 0 is the class
        /// of error objects.
        pub static KINDS: &[KindInfo] = &[
            KindInfo { class: c"Sys::Virt::Error", release: None, retain: None },
            $(
                KindInfo {
                    class: {
                        const CLASS: &std::ffi::CStr = match std::ffi::CStr::from_bytes_with_nul(concat!($class, "\0").as_bytes()) {
                            Ok(c) => c,
                            Err(_) => panic!("class name with NUL"),
                        };
                        CLASS
                    },
                    // SAFETY (both): called with a live handle of this kind.
                    release: Some(|raw| unsafe {
                        virt_sys::$free(raw as virt_sys::$ptr);
                    }),
                    retain: Some(|raw| unsafe {
                        virt_sys::$retain(raw as virt_sys::$ptr);
                    }),
                },
            )*
        ];
    };
    (@view) => {
        type View = ();
        unsafe fn view(_raw: *mut c_void) {}
    };
    (@view $view:ty) => {
        type View = $view;
        unsafe fn view(raw: *mut c_void) -> $view {
            <$view>::from_ptr(raw as _)
        }
    };
    (@into $marker:ident, $view:ty) => {
        /// A `virt` value returned from an XSUB becomes an object; its
        /// reference moves into the object.
        impl IntoValue for $view {
            fn into_value(self) -> Value {
                let this = std::mem::ManuallyDrop::new(self);
                // SAFETY: the reference moves to the new object; `this` is never dropped.
                unsafe { Owned::<$marker>::adopt(this.as_ptr()) }.into_value()
            }
        }
        impl IntoReturn for $view {
            fn into_return(self) -> Ret {
                Ret::One(self.into_value())
            }
        }
    };
}

handle_kinds! {
    Connect          => "Sys::Virt",                   virConnectPtr,          virConnectClose,         virConnectRef,         view virt::connect::Connect;
    Domain           => "Sys::Virt::Domain",           virDomainPtr,           virDomainFree,           virDomainRef,          view virt::domain::Domain;
    DomainSnapshot   => "Sys::Virt::DomainSnapshot",   virDomainSnapshotPtr,   virDomainSnapshotFree,   virDomainSnapshotRef,  view virt::domain_snapshot::DomainSnapshot;
    DomainCheckpoint => "Sys::Virt::DomainCheckpoint", virDomainCheckpointPtr, virDomainCheckpointFree, virDomainCheckpointRef;
    Network          => "Sys::Virt::Network",          virNetworkPtr,          virNetworkFree,          virNetworkRef,         view virt::network::Network;
    NetworkPort      => "Sys::Virt::NetworkPort",      virNetworkPortPtr,      virNetworkPortFree,      virNetworkPortRef;
    StoragePool      => "Sys::Virt::StoragePool",      virStoragePoolPtr,      virStoragePoolFree,      virStoragePoolRef,     view virt::storage_pool::StoragePool;
    StorageVol       => "Sys::Virt::StorageVol",       virStorageVolPtr,       virStorageVolFree,       virStorageVolRef,      view virt::storage_vol::StorageVol;
    NodeDevice       => "Sys::Virt::NodeDevice",       virNodeDevicePtr,       virNodeDeviceFree,       virNodeDeviceRef,      view virt::nodedev::NodeDevice;
    Interface        => "Sys::Virt::Interface",        virInterfacePtr,        virInterfaceFree,        virInterfaceRef,       view virt::interface::Interface;
    Secret           => "Sys::Virt::Secret",           virSecretPtr,           virSecretFree,           virSecretRef,          view virt::secret::Secret;
    NWFilter         => "Sys::Virt::NWFilter",         virNWFilterPtr,         virNWFilterFree,         virNWFilterRef,        view virt::nwfilter::NWFilter;
    NWFilterBinding  => "Sys::Virt::NWFilterBinding",  virNWFilterBindingPtr,  virNWFilterBindingFree,  virNWFilterBindingRef;
    Stream           => "Sys::Virt::Stream",           virStreamPtr,           virStreamFree,           virStreamRef;
}
